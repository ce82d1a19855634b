package questions

import (
	"hash/crc32"
	"io"
)

//go:generate go run ./internal/genbuiltin

// generatedBuiltins holds the built-in rubrics as Go code, so that loading
// one parses no YAML: parsing five-warning-signs took about 2 ms, most of
// the start-up time of every command that scores. builtin_gen.go fills it
// in; without that file the built-ins are parsed from their YAML as before,
// which is what lets the generator be built when the file is missing.
var generatedBuiltins map[string]generatedBuiltin

// generatedBuiltin is one built-in rubric as generated code, with the size
// and CRC-32 of the YAML it was generated from and its content hash.
type generatedBuiltin struct {
	size  int64
	crc   uint32
	hash  string
	build func() *Rubric
}

// matches reports whether g was generated from the YAML of built-in id. It
// keeps a YAML file edited without running go generate from being shadowed
// by stale code, so that scoring always uses the rubric that validate
// checks and export prints. It streams the file rather than reading it
// whole: copying it cost as much as building the rubric.
func (g generatedBuiltin) matches(id string) bool {
	f, err := builtinFS.Open("rubrics/" + id + ".yaml")
	if err != nil {
		return false
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || fi.Size() != g.size {
		return false
	}
	h := crc32.NewIEEE()
	_, err = io.CopyBuffer(h, f, make([]byte, 4096))
	return err == nil && h.Sum32() == g.crc
}

// rubric builds the rubric afresh, so no caller can change another's, and
// completes it as Builtin does a parsed one.
func (g generatedBuiltin) rubric() *Rubric {
	r := g.build()
	r.Source = BuiltinSource
	r.finishHashed(g.hash)
	return r
}
