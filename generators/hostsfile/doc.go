// Package hostsfile owns zonegen's managed block in a Windows hosts file: a run of lines
// between "# BEGIN zonegen" and "# END zonegen" that holds only comments and
// "127.0.0.1 name [name...]" lines (DESIGN.md R7).
//
// Render turns a template's output into a canonical block (CRLF, ASCII, at most nine names a
// line, never localhost); Parse checks one; Merge puts one into an existing hosts file,
// replacing the previous block and leaving every other byte alone, so a server's own entries
// survive every run.
package hostsfile
