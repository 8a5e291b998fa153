package chain

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"appealpacket/internal/english"
	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
)

// Names in messages. Messages name an authorization or a trademark by its
// exhibit ID, which the reviewer sees in the packet, and by its manifest ID
// only when it has no exhibit; hints name the manifest ID and the case.yaml
// position, which the seller edits.

func (a *analysis) tmEx(id string) string {
	if a.ex.Trademark != nil {
		if e := a.ex.Trademark(id); e != "" {
			return e
		}
	}
	return id
}

func (a *analysis) authEx(k int) string {
	id := a.m.Authorizations[k].ID
	if a.ex.Authorization != nil {
		if e := a.ex.Authorization(id); e != "" {
			return e
		}
	}
	return id
}

// tmName is `trademark "BARTECH" (exhibit T-1)`, or (TM1) without exhibit.
func (a *analysis) tmName(t *manifest.Trademark) string {
	ex := a.tmEx(t.ID)
	ref := ex
	if ex != t.ID {
		ref = "exhibit " + ex
	}
	if t.Mark == "" {
		return fmt.Sprintf("trademark %s (%s)", t.ID, ref)
	}
	return fmt.Sprintf("trademark %q (%s)", t.Mark, ref)
}

// tmRef is a trademark named in a letter: "T-2 BARTEK", or the manifest ID
// of a trademark without exhibit or not in the manifest.
func (a *analysis) tmRef(id string) string {
	i, ok := a.tmIndex[id]
	if !ok {
		return id
	}
	return strings.TrimSpace(a.tmEx(id) + " " + a.m.Trademarks[i].Mark)
}

// letterID is "A-2", or "AUTH2" without exhibit.
func (a *analysis) letterID(k int) string { return a.authEx(k) }

// letterRef is "authorization A-2".
func (a *analysis) letterRef(k int) string { return "authorization " + a.letterID(k) }

// letterName is "authorization A-2 from X to Y".
func (a *analysis) letterName(k int) string {
	au := &a.m.Authorizations[k]
	return fmt.Sprintf("%s from %s to %s", a.letterRef(k), party(au.Grantor), party(au.Grantee))
}

// linkRef is "authorization A-2", or "authorizations A-2 and A-3" for a
// link of several letters.
func (a *analysis) linkRef(g int) string {
	ls := a.groups[g].letters
	if len(ls) == 1 {
		return a.letterRef(ls[0])
	}
	ids := make([]string, len(ls))
	for i, k := range ls {
		ids[i] = a.letterID(k)
	}
	return "authorizations " + english.And(ids)
}

// linkID is the manifest IDs of a link's letters, for hints: "AUTH2",
// "AUTH2 and AUTH3".
func (a *analysis) linkID(g int) string {
	ls := a.groups[g].letters
	ids := make([]string, len(ls))
	for i, k := range ls {
		ids[i] = a.m.Authorizations[k].ID
	}
	return a.and(ids)
}

// pathText is "A-1 → A-2 + A-3": the links of a chain, the letters of
// each that overlap the window joined by "+" (see Link.LettersIn).
func (a *analysis) pathText(p []int) string {
	parts := make([]string, len(p))
	for i, g := range p {
		var ids, all []string
		for _, k := range a.groups[g].letters {
			all = append(all, a.letterID(k))
			if overlaps(&a.m.Authorizations[k], a.win) {
				ids = append(ids, a.letterID(k))
			}
		}
		if len(ids) == 0 {
			ids = all
		}
		parts[i] = strings.Join(ids, " + ")
	}
	return strings.Join(parts, " → ")
}

func (a *analysis) authWhere(k int, field string) string {
	return a.m.Where(fmt.Sprintf("authorizations[%d].%s", k, field))
}

func (a *analysis) tmWhere(i int, field string) string {
	return a.m.Where(fmt.Sprintf("trademarks[%d].%s", i, field))
}

// party is a party's name as written, or "(no name)".
func party(name string) string {
	if strings.TrimSpace(name) == "" {
		return "(no name)"
	}
	return name
}

func (a *analysis) sellerName() string {
	s := a.m.Seller
	switch {
	case s.LegalName != "" && s.Store != "":
		return a.lsay("seller.store", s.LegalName, s.Store)
	case s.LegalName != "":
		return s.LegalName
	}
	return s.Store
}

// period is "from 2025-06-01 to 2025-08-31", or "on 2025-06-01" for one
// day.
func period(from, to time.Time) string {
	if from.Equal(to) {
		return "on " + from.Format(time.DateOnly)
	}
	return "from " + from.Format(time.DateOnly) + " to " + to.Format(time.DateOnly)
}

// days is "2025-06-01 to 2025-08-31", or "2025-06-01" for one day.
func days(from, to time.Time) string {
	if from.Equal(to) {
		return from.Format(time.DateOnly)
	}
	return from.Format(time.DateOnly) + " to " + to.Format(time.DateOnly)
}

// capital starts s with a capital letter.
func capital(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// doubleStop is a sentence's full stop after a name that ends with one
// ("Co., Ltd.." ), not an ellipsis.
var doubleStop = regexp.MustCompile(`([^.])\.\.([^.]|$)`)

// tidy drops the doubled full stop of a sentence ending with a name such as
// "Co., Ltd.".
func tidy(s string) string { return doubleStop.ReplaceAllString(s, "$1.$2") }

func tidyAll(l finding.List) {
	for i := range l {
		l[i].Message, l[i].Hint = tidy(l[i].Message), tidy(l[i].Hint)
	}
}
