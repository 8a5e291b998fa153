package packet_test

import (
	"context"
	"testing"

	"appealpacket/packet"
)

// BenchmarkBuildDemoWarm builds the demo packet again and again with a
// warm cache: the cost of a rebuild after an edit to the statement.
func BenchmarkBuildDemoWarm(b *testing.B) {
	o := packet.Options{OutDir: b.TempDir(), Date: demoDate, CacheDir: b.TempDir(), Force: true}
	if _, err := buildCase(context.Background(), demo, o); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := buildCase(context.Background(), demo, o); err != nil {
			b.Fatal(err)
		}
	}
}
