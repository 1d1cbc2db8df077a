package output

// File is one generated file: a slash-separated path relative to the output folder and its
// exact bytes. Kind names the generator that made it and Env its environment ("" for files
// that belong to none), so that --only and --env can narrow a run.
type File struct {
	Path string
	Data []byte
	Kind string
	Env  string
}
