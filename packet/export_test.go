package packet

// SetFailAt makes builds with these options fail at a stage, for tests of
// what a failure mid-build leaves behind.
func SetFailAt(o *Options, f func(stage string) error) { o.failAt = f }
