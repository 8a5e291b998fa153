package profile_test

import (
	"slices"
	"strings"
	"testing"

	"appealpacket/packet/profile"
)

// Every rule a built-in profile sets says where it comes from.
func TestBuiltinRulesHaveSources(t *testing.T) {
	for _, name := range profile.Names() {
		p, err := profile.Builtin(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range p.Rules() {
			if r.Source == "" {
				t.Errorf("%s: rule %s (%s) has no source", name, r.Name, r.Value)
			}
			if !slices.Contains(profile.Confidences, r.Confidence) {
				t.Errorf("%s: rule %s: confidence %q", name, r.Name, r.Confidence)
			}
		}
		if data, err := profile.Export(name); err != nil {
			t.Error(err)
		} else if q, err := profile.Parse(data, name+".yaml"); err != nil || len(q.Rules()) != len(p.Rules()) {
			t.Errorf("%s: the exported copy does not parse to the same rules: %v", name, err)
		}
	}
}

func TestSourcesAreChecked(t *testing.T) {
	for _, tc := range []struct{ yaml, want string }{
		{"sources:\n  - {rule: max_size, source: x, confidence: official}\n", `"max_size" is not a rule`},
		{"sources:\n  - {rule: accepted_types, source: x, confidence: sure}\n", `confidence "sure"`},
	} {
		_, err := profile.Parse([]byte("name: x\naccepted_types: [pdf]\n"+tc.yaml), "x.yaml")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("error %v, want %q", err, tc.want)
		}
	}
}
