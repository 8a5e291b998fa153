package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"appealpacket/internal/fixture"
	"appealpacket/internal/i18n"
)

func TestMessagesComplete(t *testing.T) {
	i18n.CheckComplete(t, messages)
}

// TestLanguageOrder: --lang, then APPEALPACKET_LANG, then LC_ALL,
// LC_MESSAGES and LANG decide the language of what the command prints.
func TestLanguageOrder(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want i18n.Lang
	}{
		{"nothing set", nil, nil, i18n.English},
		{"LANG", map[string]string{"LANG": "zh_CN.UTF-8"}, nil, i18n.Chinese},
		{"LC_MESSAGES over LANG", map[string]string{"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, nil, i18n.English},
		{"LC_ALL over LC_MESSAGES", map[string]string{"LC_MESSAGES": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"}, nil, i18n.Chinese},
		{"APPEALPACKET_LANG over LC_ALL", map[string]string{"LC_ALL": "zh_CN.UTF-8", "APPEALPACKET_LANG": "en"}, nil, i18n.English},
		{"--lang over everything", map[string]string{"APPEALPACKET_LANG": "en", "LC_ALL": "en_US.UTF-8"}, []string{"--lang", "zh"}, i18n.Chinese},
		{"--lang en over a Chinese locale", map[string]string{"LANG": "zh_CN.UTF-8"}, []string{"--lang=en"}, i18n.English},
		{"--lang after the command", map[string]string{"LANG": "en_US.UTF-8"}, []string{"check", "--lang", "zh"}, i18n.Chinese},
		{"an unknown locale", map[string]string{"LANG": "fr_FR.UTF-8"}, nil, i18n.English},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			env := i18n.FromEnv(func(k string) string { return tt.env[k] })
			// A command that does not exist: its error is the first thing
			// printed, in the language chosen.
			args := append([]string{"appealpacket"}, tt.args...)
			if len(tt.args) == 0 || tt.args[0] != "check" {
				args = append(args, "nosuchcommand")
			} else {
				args = append(args, "a", "b") // check with two folders: a usage error
			}
			if code := run(args, &stdout, &stderr, env); code != exitError {
				t.Fatalf("exit %d, want %d: %s", code, exitError, stderr.String())
			}
			chinese := strings.Contains(stderr.String(), "请看")
			if got := map[bool]i18n.Lang{false: i18n.English, true: i18n.Chinese}[chinese]; got != tt.want {
				t.Errorf("printed in %v, want %v: %q", got, tt.want, stderr.String())
			}
		})
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"appealpacket", "--lang", "fr", "version"}, &stdout, &stderr, i18n.English); code != exitError || !strings.Contains(stderr.String(), `--lang "fr": want en or zh`) {
		t.Errorf("--lang fr: exit %d, %q; want an error naming en and zh", code, stderr.String())
	}
}

// TestCheckJSONCodesBothLanguages: the codes, severities, exhibits and
// JSON keys of check --format json are the same in English and Chinese;
// the messages and hints follow the language.
func TestCheckJSONCodesBothLanguages(t *testing.T) {
	dir := t.TempDir()
	if err := fixture.CopyTree("../../testdata/demo", dir); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "listing", "main.jpg"))
	type finding struct {
		Code, Severity, Exhibit, Message, Hint string
	}
	type report struct {
		Case     string
		Ready    bool
		Findings []finding
	}
	reports := map[string]report{}
	keys := map[string][]string{}
	for _, lang := range []string{"en", "zh"} {
		var stdout, stderr bytes.Buffer
		run([]string{"appealpacket", "--lang", lang, "check", "--format", "json", "--no-cache", "--today", "2024-03-21", dir}, &stdout, &stderr, i18n.English)
		var rep report
		if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
			t.Fatalf("%s: %v: %s", lang, err, stderr.String())
		}
		var raw map[string]any
		json.Unmarshal(stdout.Bytes(), &raw)
		for k := range raw {
			keys[lang] = append(keys[lang], k)
		}
		slices.Sort(keys[lang])
		reports[lang] = rep
	}
	en, zh := reports["en"], reports["zh"]
	if len(en.Findings) == 0 || len(en.Findings) != len(zh.Findings) {
		t.Fatalf("%d findings in English, %d in Chinese", len(en.Findings), len(zh.Findings))
	}
	if !slices.Equal(keys["en"], keys["zh"]) || en.Ready != zh.Ready || en.Case != zh.Case {
		t.Errorf("reports differ beyond the words: keys %v / %v, ready %v / %v", keys["en"], keys["zh"], en.Ready, zh.Ready)
	}
	for i := range en.Findings {
		e, z := en.Findings[i], zh.Findings[i]
		if e.Code != z.Code || e.Severity != z.Severity || e.Exhibit != z.Exhibit {
			t.Errorf("finding %d: %s %s %s in English, %s %s %s in Chinese", i, e.Code, e.Severity, e.Exhibit, z.Code, z.Severity, z.Exhibit)
		}
		if e.Message == z.Message || !hasHan(z.Message) || (z.Hint != "" && !hasHan(z.Hint)) {
			t.Errorf("finding %s: the Chinese message or hint is not Chinese: %q / %q", z.Code, z.Message, z.Hint)
		}
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}
