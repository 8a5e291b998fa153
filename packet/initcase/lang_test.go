package initcase

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"os"
	"strings"
	"testing"

	"appealpacket/internal/i18n"
	"appealpacket/packet/manifest"
)

func TestMessagesComplete(t *testing.T) {
	i18n.CheckComplete(t, messages)
}

// TestInitChinese: init --lang zh writes case.yaml's comments in Chinese
// and sets language: zh; init again on that folder (the update) adds a new
// picture with a Chinese comment and keeps the file loading.
func TestInitChinese(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{"readme.docx": []byte("PK"), "listing/a.jpg": grey(t, 48)})
	res, err := Init(context.Background(), dir, Options{ID: "IPP-1", Lang: i18n.Chinese})
	if err != nil {
		t.Fatal(err)
	}
	m, _, err := manifest.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if m.Case.Language != "zh" {
		t.Errorf("case.language = %q, want zh", m.Case.Language)
	}
	text, _ := os.ReadFile(res.File)
	for _, want := range []string{"申诉材料包", "没有找到相机原图", "下一步：appealpacket check", "#   readme.docx", "投诉方，按投诉书上的写法"} {
		if !bytes.Contains(text, []byte(want)) {
			t.Errorf("case.yaml lacks %q:\n%s", want, text)
		}
	}
	for _, english := range []string{"No camera originals", "Next:", "who complained", "the listing's ID"} {
		if bytes.Contains(text, []byte(english)) {
			t.Errorf("Chinese case.yaml holds %q:\n%s", english, text)
		}
	}

	// The update, with a new picture: still Chinese, still loading.
	writeFiles(t, dir, map[string][]byte{"listing/b.jpg": grey(t, 64)})
	res, err = Init(context.Background(), dir, Options{}) // English by default: the file's language wins
	if err != nil {
		t.Fatal(err)
	}
	if !res.Updated || res.Candidates != 1 {
		t.Fatalf("update: %+v, want one listing picture added", res)
	}
	text, _ = os.ReadFile(res.File)
	if !strings.Contains(string(text), "由 init 添加") && !strings.Contains(string(text), "没有找到可比对的相机原图") {
		t.Errorf("updated case.yaml has no Chinese comment on the new picture:\n%s", text)
	}
	if strings.Contains(string(text), "added by init") {
		t.Errorf("updated Chinese case.yaml has an English comment:\n%s", text)
	}
	if _, _, err := manifest.Load(dir); err != nil {
		t.Errorf("updated case.yaml does not load: %v", err)
	}
}

// grey is a JPEG of a grey square of side n, without EXIF.
func grey(t *testing.T, n int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, n, n)), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
