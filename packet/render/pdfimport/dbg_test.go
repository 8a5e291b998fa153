package pdfimport

import (
	"bytes"
	"os"
	"testing"
)

func TestDbgEmit(t *testing.T) {
	var sources []*Source
	var counts []int
	for _, c := range corpusPDFs {
		s, _ := Open(readCorpus(t, c.file), "")
		sources = append(sources, s)
		counts = append(counts, 1)
	}
	tp := buildPacket(t, counts)
	var stamped bytes.Buffer
	if err := Stamp(bytes.NewReader(tp.pdf), &stamped, tp.placements(sources)); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(os.Getenv("OUT"), stamped.Bytes(), 0644)
}
