package strictyaml

import "testing"

func TestParent(t *testing.T) {
	for f, want := range map[string]string{"listings[1].url": "listings[1]", "listings[1]": "listings", "seller.store": "seller", "photos": "",
		"a.b[2]": "a.b", "a[0][1]": "a[0]"} {
		if got := parent(f); got != want {
			t.Errorf("parent(%q) = %q, want %q", f, got, want)
		}
	}
}

func TestNearest(t *testing.T) {
	written := map[string]int{"listings": 1, "listings[1]": 2, "listings[1].url": 3, "seller": 4}
	for _, tt := range []struct {
		field string
		want  int
		ok    bool
	}{
		{"listings[1].url", 3, true},
		{"listings[1].published", 2, true},
		{"listings[0].url", 1, true},
		{"seller.store", 4, true},
		{"case.id", 0, false},
		{"", 0, false},
	} {
		if got, ok := Nearest(written, tt.field); got != tt.want || ok != tt.ok {
			t.Errorf("Nearest(%q) = %d, %v; want %d, %v", tt.field, got, ok, tt.want, tt.ok)
		}
	}
}
