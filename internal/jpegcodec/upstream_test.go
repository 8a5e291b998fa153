package jpegcodec

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// upstream pins the standard library files this package was forked from
// (Go 1.26.8's image/jpeg). When the toolchain's copy changes, this test
// fails: review the upstream change (a bug fix, a new feature, a security
// fix for hostile input) and port what applies, then record the new hashes.
var upstream = map[string]string{
	"reader.go":  "9af311c6149311b0863a3f3175ac7b5ecb7f86b487006a6ba65f0aa69f7ddb3d",
	"huffman.go": "0dc31ab00dcdfc9853d11ff56cce8ce5ff2099e8b2ed18ab35561aa12993897c",
	"scan.go":    "bb475bb88f5b57a6b55e88a018244cdfae9d7c89487471050ab449f89e1bc39f",
	"dct.go":     "c16e9585a6fb9ba08a0aacfd36911bf394ec3abaaaa633a2589256101be16d30",
	"writer.go":  "d05aebe5e957345bc743652a7fc4570b183c688500c0ae871bd171dd3ad40082",
}

func TestForkedFromThisImageJPEG(t *testing.T) {
	dir := filepath.Join(runtime.GOROOT(), "src", "image", "jpeg")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("the Go sources are not installed at %s: %v", dir, err)
	}
	for name, want := range upstream {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		sum := sha256.Sum256(b)
		if got := hex.EncodeToString(sum[:]); got != want {
			t.Errorf("image/jpeg/%s changed upstream (%s, was %s): review the change, port what applies to this fork, then update the hash",
				name, got, want)
		}
	}
}
