package termsafe

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
)

func TestEscape(t *testing.T) {
	for _, tt := range []struct{ in, str, text string }{
		{"IMG_0001.JPG", "IMG_0001.JPG", "IMG_0001.JPG"},
		{"深圳市流明 Co., Ltd.", "深圳市流明 Co., Ltd.", "深圳市流明 Co., Ltd."},
		{"a\x1b[2Jb", `a\x1b[2Jb`, `a\x1b[2Jb`},
		{"photo\u202egpj.exe", `photo\u202egpj.exe`, `photo\u202egpj.exe`},
		{"line\nnext\tcol", `line\x0anext\x09col`, "line\nnext\tcol"},
		{"bad\xffutf8", `bad\xffutf8`, `bad\xffutf8`},
		{"c1\u009bcsi", `c1\x9bcsi`, `c1\x9bcsi`},
		{"\u2066isolate\u2069", `\u2066isolate\u2069`, `\u2066isolate\u2069`},
		{"para\u2029sep", `para\u2029sep`, `para\u2029sep`},
	} {
		if got := String(tt.in); got != tt.str {
			t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.str)
		}
		if got := Text(tt.in); got != tt.text {
			t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.text)
		}
	}
}

func TestWriterKeepsJSONValid(t *testing.T) {
	var b bytes.Buffer
	enc := json.NewEncoder(Writer{&b})
	in := map[string]string{"File": "x\u202egpj.exe\x1b"}
	if err := enc.Encode(in); err != nil {
		t.Fatal(err)
	}
	var out map[string]string
	if err := json.Unmarshal(b.Bytes(), &out); err != nil {
		t.Fatalf("escaped JSON %q does not decode: %v", b.String(), err)
	}
	if out["File"] != in["File"] {
		t.Errorf("round trip gave %q, want %q", out["File"], in["File"])
	}
	if bytes.ContainsRune(b.Bytes(), '\u202e') || bytes.ContainsRune(b.Bytes(), 0x1b) {
		t.Errorf("raw control reached the terminal: %q", b.String())
	}
}

func ExampleString() {
	fmt.Println(String("invoice\u202efdp.exe"))
	// Output: invoice\u202efdp.exe
}
