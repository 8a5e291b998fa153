package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
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

// optionExtras are the default and the environment variable of an
// option's usage in the help.
var optionExtras = regexp.MustCompile(`（默认：[^（）]*）| \[\$[A-Z_]+\]`)

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

func TestHelpMessagesComplete(t *testing.T) {
	i18n.CheckComplete(t, helpMessages)
}

// helpPages runs --help of the app and `help` of every command and
// subcommand in language l (from the environment, or from --lang when
// flag is set), and returns each page by its command line.
func helpPages(t *testing.T, l i18n.Lang, flag bool) map[string]string {
	t.Helper()
	var lines [][]string
	lines = append(lines, []string{"--help"})
	for _, cmd := range newApp(io.Discard, io.Discard, i18n.English).Commands {
		lines = append(lines, []string{"help", cmd.Name}, []string{cmd.Name, "--help"})
		for _, sub := range cmd.Subcommands {
			lines = append(lines, []string{cmd.Name, sub.Name, "--help"})
		}
	}
	pages := map[string]string{}
	for _, line := range lines {
		args := append([]string{"appealpacket"}, line...)
		env := l
		if flag {
			args = append([]string{"appealpacket", "--lang", l.Code()}, line...)
			env = i18n.English
			if l == i18n.English {
				env = i18n.Chinese
			}
		}
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr, env); code != exitOK {
			t.Fatalf("%q: exit %d: %s", args, code, stderr.String())
		}
		pages[strings.Join(line, " ")] = stdout.String()
	}
	return pages
}

// TestHelpChinese: in Chinese, --help of the app and of every command has
// Chinese headings, usage, description and options (with their defaults
// worded in Chinese), whether the language comes from the environment or
// from --lang; in English it has urfave/cli's headings and no Chinese.
func TestHelpChinese(t *testing.T) {
	english := []string{"NAME:", "USAGE:", "DESCRIPTION:", "COMMANDS:", "OPTIONS:", "(default:", "show help", "[command options]", "Shows a list of commands", "Examples:"}
	for _, flag := range []bool{false, true} {
		for line, page := range helpPages(t, i18n.Chinese, flag) {
			for _, heading := range []string{"名称：", "用法：", "选项："} {
				if !strings.Contains(page, heading) {
					t.Errorf("%s (--lang %v): no %q:\n%s", line, flag, heading, page)
				}
			}
			for _, s := range english {
				if strings.Contains(page, s) {
					t.Errorf("%s (--lang %v): English %q left:\n%s", line, flag, s, page)
				}
			}
			// Every line of a page that is prose (the name line, each
			// command's and option's usage) is Chinese; examples,
			// argument names and option names are not prose.
			for _, l := range strings.Split(page, "\n") {
				l = strings.TrimSpace(l)
				if strings.HasPrefix(l, "-") { // an option: its usage, without its default and variable
					_, l, _ = strings.Cut(l, "  ")
					l = strings.TrimSpace(optionExtras.ReplaceAllString(l, ""))
				}
				if strings.HasPrefix(l, "appealpacket ") && !strings.Contains(l, " - ") || l == "" || strings.HasSuffix(l, "：") {
					continue
				}
				if !hasHan(l) && !strings.HasPrefix(l, "$SOURCE_DATE_EPOCH") && !strings.HasPrefix(l, "OUT_DIR/") && !strings.HasPrefix(l, "`appealpacket verify`") && !strings.HasPrefix(l, "~/AppealPacket") && !strings.HasPrefix(l, "case.yaml") && !strings.HasPrefix(l, "--force") {
					t.Errorf("%s: a line without Chinese: %q", line, l)
				}
			}
		}
	}
	for line, page := range helpPages(t, i18n.English, true) {
		if hasHan(page) || !strings.Contains(page, "NAME:") || !strings.Contains(page, "USAGE:") {
			t.Errorf("%s: English help with Chinese, or without its headings:\n%s", line, page)
		}
	}
}
