// Package terminal owns what zonegen may print to a terminal from text it did not write: a
// line of a hand-edited file, a value from the source or from LifeTime, a program's
// output. Escape shows the characters a terminal would act on instead of print, the same
// way in every command (issue 16); EscapeJSON does the same inside a --format json
// document, as JSON escapes a consumer decodes to the text it stands for.
package terminal
