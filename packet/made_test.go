package packet_test

import (
	"bytes"
	"sync"
	"testing"
)

// madeFiles keeps the fixture files tests generate, by a key naming what
// each was made from: a file many cases use is made once per run.
var madeFiles sync.Map // key -> *madeFile

type madeFile struct {
	once sync.Once
	data []byte
	err  error
}

// madeOnce returns the file make makes for key: made by the first caller
// (others wait for it), a copy for each (a test may change its own).
func madeOnce(t testing.TB, key string, make func() ([]byte, error)) []byte {
	t.Helper()
	v, _ := madeFiles.LoadOrStore(key, new(madeFile))
	m := v.(*madeFile)
	m.once.Do(func() { m.data, m.err = make() })
	if m.err != nil {
		t.Fatalf("making %s: %v", key, m.err)
	}
	return bytes.Clone(m.data)
}
