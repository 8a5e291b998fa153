package chain

import (
	"fmt"
	"slices"
	"time"

	"appealpacket/internal/english"
	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
)

// Link is one step of a chain: every authorization letter from one party
// to another, such as a letter and its renewal. Grantors are the same party
// when NormalizeParty gives the same key, and so are grantees; the seller's
// names (legal name, store, aliases) are all one party.
type Link struct {
	// Key identifies the link: equal keys, in Report.Links and in every
	// chain, are the same link.
	Key string
	// Grantor and Grantee are the parties as written in the link's first
	// letter.
	Grantor, Grantee string
	// Letters are the link's authorizations by start date (a letter without
	// one first), then end date, then manifest order.
	Letters []*manifest.Authorization
	// Findings are the link's problems as a link of this chain, for this
	// trademark; none when the link gives the right on every date of the
	// window.
	Findings finding.List
	// Uncovered are the runs of dates of the window on which the link does
	// not give the right, each with the code of the finding about it, in
	// date order for each code. Empty when the case gives no dates.
	Uncovered []Span
	about     []string // ID of the letter each finding is about
}

// LettersIn returns the letters of l whose terms overlap the window: the
// ones the chain uses on the dates that matter. A letter without dates
// overlaps every window; with no window, or when no letter overlaps it,
// every letter is returned (a chain is never named by no letter).
func (l Link) LettersIn(w Window) []*manifest.Authorization {
	var in []*manifest.Authorization
	for _, a := range l.Letters {
		if overlaps(a, w) {
			in = append(in, a)
		}
	}
	if len(in) == 0 {
		return l.Letters
	}
	return in
}

// overlaps reports whether a letter's term overlaps the window (open ends
// overlap everything).
func overlaps(a *manifest.Authorization, w Window) bool {
	if w.From.IsZero() && w.To.IsZero() {
		return true
	}
	endsBefore := !a.To.IsZero() && !w.From.IsZero() && a.To.Before(w.From)
	startsAfter := !a.From.IsZero() && !w.To.IsZero() && a.From.After(w.To)
	return !endsBefore && !startsAfter
}

// Span is a run of days, both ends included, and the code of the problem
// on them.
type Span struct {
	From, To manifest.Date
	Code     string
}

// Problems returns the findings of l that are about its letter id (the
// letter the finding's exhibit and Where name).
func (l Link) Problems(id string) finding.List {
	var out finding.List
	for i, f := range l.Findings {
		if i < len(l.about) && l.about[i] == id {
			out = append(out, f)
		}
	}
	return out
}

// sellerKey is the party key of every one of the seller's names.
const sellerKey = "\x00seller"

// group is a link while analysing: party keys and authorization indexes.
type group struct {
	key              string
	grantor, grantee string // party keys
	letters          []int  // indexes of m.Authorizations, by date
}

// partyKey is the key of a party's name: NormalizeParty, with every one of
// the seller's names the same key.
func (a *analysis) partyKey(name string) string {
	k := NormalizeParty(name)
	if a.sellers[k] {
		return sellerKey
	}
	return k
}

// groupLinks gathers the authorizations into links.
func (a *analysis) groupLinks() {
	index := map[string]int{}
	for k, auth := range a.m.Authorizations {
		g, e := a.partyKey(auth.Grantor), a.partyKey(auth.Grantee)
		key := g + "\x00→\x00" + e
		if g == "" || e == "" {
			key = fmt.Sprintf("%s\x00#%d", key, k) // an unnamed party is nobody in particular
		}
		i, ok := index[key]
		if !ok {
			i = len(a.groups)
			index[key] = i
			a.groups = append(a.groups, group{key: key, grantor: g, grantee: e})
			if g != "" {
				a.out[g] = append(a.out[g], i)
			}
		}
		a.groups[i].letters = append(a.groups[i].letters, k)
	}
	for i := range a.groups {
		slices.SortStableFunc(a.groups[i].letters, func(x, y int) int {
			ax, ay := &a.m.Authorizations[x], &a.m.Authorizations[y]
			if c := ax.From.Time().Compare(ay.From.Time()); c != 0 {
				return c
			}
			return endOf(ax).Compare(endOf(ay))
		})
	}
}

// endOf is the last day of an authorization, far in the future when it
// has none.
func endOf(au *manifest.Authorization) time.Time {
	if au.To.IsZero() {
		return time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	return au.To.Time()
}

// first is the first letter of group g.
func (a *analysis) first(g int) *manifest.Authorization {
	return &a.m.Authorizations[a.groups[g].letters[0]]
}

// link builds the Link of group g with the result of its check.
func (a *analysis) link(g int, c linkCheck) Link {
	gr := a.groups[g]
	first := a.first(g)
	l := Link{Key: gr.key, Grantor: first.Grantor, Grantee: first.Grantee, Findings: c.findings, Uncovered: c.uncovered}
	for _, k := range gr.letters {
		l.Letters = append(l.Letters, &a.m.Authorizations[k])
	}
	for _, k := range c.about {
		l.about = append(l.about, a.m.Authorizations[k].ID)
	}
	return l
}

func (a *analysis) chainOf(c *cand) []Link {
	out := make([]Link, len(c.path))
	for i, g := range c.path {
		out[i] = a.link(g, c.links[i])
	}
	return out
}

// pathLinks is the links of a partial path, unchecked.
func (a *analysis) pathLinks(p []int) []Link {
	out := make([]Link, len(p))
	for i, g := range p {
		out[i] = a.link(g, linkCheck{})
	}
	return out
}

// linkCheck is what checking one link of a chain found.
type linkCheck struct {
	findings  finding.List
	about     []int // authorization each finding is about
	uncovered []Span
}

func (c *linkCheck) add(k int, code, where, hint, msg string) {
	c.findings = append(c.findings, finding.Finding{Code: code, Severity: finding.Error, Message: msg, Hint: hint, Where: where})
	c.about = append(c.about, k)
}

// segment is a run of days of the window on which the same letters are in
// force.
type segment struct {
	from, to time.Time // zero when the case gives no dates
	inForce  []int     // authorization indexes, in link order
}

// segments cuts the window into runs of days with the same letters of the
// link in force. Without a window, every letter is in force on the one
// segment.
func (a *analysis) segments(letters []int) []segment {
	if a.win.From.IsZero() {
		return []segment{{inForce: letters}}
	}
	wf, wt := a.win.From.Time(), a.win.To.Time()
	cuts := []time.Time{wf}
	for _, k := range letters {
		au := &a.m.Authorizations[k]
		if f := au.From.Time(); !au.From.IsZero() && f.After(wf) && !f.After(wt) {
			cuts = append(cuts, f)
		}
		if !au.To.IsZero() {
			if e := au.To.Time().AddDate(0, 0, 1); e.After(wf) && !e.After(wt) {
				cuts = append(cuts, e)
			}
		}
	}
	slices.SortFunc(cuts, time.Time.Compare)
	cuts = slices.CompactFunc(cuts, time.Time.Equal)
	segs := make([]segment, len(cuts))
	for i, c := range cuts {
		end := wt
		if i+1 < len(cuts) {
			end = cuts[i+1].AddDate(0, 0, -1)
		}
		segs[i] = segment{from: c, to: end}
		for _, k := range letters {
			au := &a.m.Authorizations[k]
			if (au.From.IsZero() || !au.From.Time().After(c)) && (au.To.IsZero() || !au.To.Time().Before(c)) {
				segs[i].inForce = append(segs[i].inForce, k)
			}
		}
	}
	return segs
}

// run is a run of consecutive segments with the same problem.
type run struct {
	from, to time.Time
	letters  []int  // the letters in force on those days that the problem is about
	detail   string // what is missing (a territory), when it varies
}

// runs merges the consecutive segments on which fail reports a problem
// with the same detail.
func runs(segs []segment, fail func(s segment) (bad bool, letters []int, detail string)) []run {
	var out []run
	open := false
	for _, s := range segs {
		bad, letters, detail := fail(s)
		if !bad {
			open = false
			continue
		}
		if open && out[len(out)-1].detail == detail {
			r := &out[len(out)-1]
			r.to = s.to
			for _, k := range letters {
				if !slices.Contains(r.letters, k) {
					r.letters = append(r.letters, k)
				}
			}
			continue
		}
		out = append(out, run{from: s.from, to: s.to, letters: slices.Clone(letters), detail: detail})
		open = true
	}
	return out
}

// whole reports whether r is the whole window, or the case has no dates.
func (a *analysis) whole(r run) bool {
	return r.from.IsZero() || (r.from.Equal(a.win.From.Time()) && r.to.Equal(a.win.To.Time()))
}

// filter returns the letters of ks for which keep is true.
func (a *analysis) filter(ks []int, keep func(au *manifest.Authorization) bool) []int {
	var out []int
	for _, k := range ks {
		if keep(&a.m.Authorizations[k]) {
			out = append(out, k)
		}
	}
	return out
}

// checkLink checks group g as a link of a chain for t, on every date of the
// window; next is the group that follows it in the chain, or -1 for the
// last link.
//
// On each day, the letters in force must name t, one of those must cover
// the platform, those that do must together cover the territory, and, when
// the chain goes on, one must allow sublicensing. Each test falls back to
// the wider set of letters when the narrower one is empty, so that a single
// letter with several problems gets a finding for each.
func (a *analysis) checkLink(t *manifest.Trademark, g, next int) linkCheck {
	var c linkCheck
	gr := a.groups[g]
	segs := a.segments(gr.letters)
	names := func(au *manifest.Authorization) bool { return slices.Contains(au.Trademarks, t.ID) }
	platform := func(au *manifest.Authorization) bool { return coversPlatform(au.Platforms, a.m.Case.Platform) }
	// naming is the letters in force naming t, or all in force if none does.
	naming := func(s segment) []int { return orElse(a.filter(s.inForce, names), s.inForce) }
	selling := func(s segment) []int { base := naming(s); return orElse(a.filter(base, platform), base) }

	for _, r := range runs(segs, func(s segment) (bool, []int, string) { return len(s.inForce) == 0, nil, "" }) {
		a.dateFinding(&c, g, r)
	}
	for _, r := range runs(segs, func(s segment) (bool, []int, string) {
		return len(s.inForce) > 0 && len(a.filter(s.inForce, names)) == 0, s.inForce, ""
	}) {
		a.trademarkFinding(&c, t, g, r)
	}
	for _, r := range runs(segs, func(s segment) (bool, []int, string) {
		base := naming(s)
		return len(base) > 0 && len(a.filter(base, platform)) == 0, base, ""
	}) {
		a.platformFinding(&c, g, r)
	}
	for _, r := range runs(segs, func(s segment) (bool, []int, string) {
		base := selling(s)
		if len(base) == 0 {
			return false, nil, ""
		}
		gap := a.mk.territoryGap(a.territories(base))
		return gap != "", base, gap
	}) {
		a.territoryFinding(&c, g, r)
	}
	if next >= 0 {
		for _, r := range runs(segs, func(s segment) (bool, []int, string) {
			base := naming(s)
			return len(base) > 0 && len(a.filter(base, func(au *manifest.Authorization) bool { return au.Sublicense })) == 0, base, ""
		}) {
			a.sublicenseFinding(&c, g, next, r)
		}
	}
	// Every letter the link relies on must be there to read.
	for _, k := range gr.letters {
		au := &a.m.Authorizations[k]
		if len(au.Files) > 0 || !slices.ContainsFunc(segs, func(s segment) bool { return slices.Contains(s.inForce, k) }) {
			continue
		}
		where := a.authWhere(k, "files")
		c.add(k, AuthNoDocument, where, a.lsay("nodoc.hint", au.ID, where), a.lsay("nodoc", a.nameCap(k)))
	}
	for i := range c.findings {
		c.findings[i].Exhibit = a.authEx(c.about[i])
	}
	return c
}

// orElse returns x, or y when x is empty.
func orElse(x, y []int) []int {
	if len(x) > 0 {
		return x
	}
	return y
}

// territories is the territories of the letters ks together; nil (no
// limit) when one of them has no limit.
func (a *analysis) territories(ks []int) []string {
	var out []string
	for _, k := range ks {
		ts := a.m.Authorizations[k].Territories
		if len(ts) == 0 {
			return nil
		}
		out = append(out, ts...)
	}
	return out
}

// uncover records the days of r as not covered, for code.
func (c *linkCheck) uncover(r run, code string) {
	if r.from.IsZero() {
		return
	}
	c.uncovered = append(c.uncovered, Span{From: manifest.NewDate(r.from.Date()), To: manifest.NewDate(r.to.Date()), Code: code})
}

// dateFinding reports a run of days on which no letter of the link is in
// force: before its first letter, after its last, or between two.
func (a *analysis) dateFinding(c *linkCheck, g int, r run) {
	letters := a.groups[g].letters
	before, after := -1, -1 // the letter ending last before r, starting first after it
	for _, k := range letters {
		au := &a.m.Authorizations[k]
		if !au.To.IsZero() && au.To.Time().Before(r.from) && (before < 0 || au.To.After(a.m.Authorizations[before].To)) {
			before = k
		}
		if !au.From.IsZero() && au.From.Time().After(r.to) && (after < 0 || au.From.Before(a.m.Authorizations[after].From)) {
			after = k
		}
	}
	span := a.span(r.from, r.to)
	single := len(letters) == 1
	switch {
	case before >= 0 && after >= 0:
		b, n := &a.m.Authorizations[before], &a.m.Authorizations[after]
		whereTo, whereFrom := a.authWhere(before, "to"), a.authWhere(after, "from")
		c.uncover(r, AuthGap)
		c.add(before, AuthGap, whereTo,
			a.lsay("gap.hint", b.Grantor, b.Grantee, span, b.Grantor, b.ID, whereTo, n.ID, whereFrom),
			a.lsay("gap", a.refCap(before), b.To, a.ref(after), n.From, a.who(b.Grantor), a.who(b.Grantee), span, a.win.From, a.win.To))
	case after >= 0:
		n := &a.m.Authorizations[after]
		where := a.authWhere(after, "from")
		c.uncover(r, AuthNotYetValid)
		msg := a.lsay("notyet", a.nameCap(after), n.From, a.event(true))
		if !single {
			msg = a.lsay("notyet.many", a.who(n.Grantor), a.who(n.Grantee), a.ref(after), n.From, a.event(true), span)
		}
		c.add(after, AuthNotYetValid, where,
			a.lsay("notyet.hint", n.Grantor, n.Grantee, span, n.Grantor, a.win.From, n.ID, where), msg)
	case before >= 0:
		b := &a.m.Authorizations[before]
		where := a.authWhere(before, "to")
		c.uncover(r, AuthExpired)
		msg := a.lsay("expired", a.nameCap(before), b.To, a.event(false))
		if !single {
			msg = a.lsay("expired.many", a.who(b.Grantor), a.who(b.Grantee), a.ref(before), b.To, a.event(false), span)
		}
		c.add(before, AuthExpired, where,
			a.lsay("expired.hint", b.Grantor, b.Grantor, a.win.To, b.ID, where), msg)
	}
}

// subject starts a message about run r of link g: the single letter's name
// when the link has one letter, else the dates and the letters in force.
// It returns the subject, whether it is plural, and the letter the finding
// is about.
func (a *analysis) subject(g int, r run) (string, bool, int) {
	if len(a.groups[g].letters) == 1 || (r.from.IsZero() && len(r.letters) == 1) {
		k := r.letters[0]
		if len(a.groups[g].letters) == 1 {
			k = a.groups[g].letters[0]
		}
		return capital(a.letterName(k)), false, k
	}
	f := a.first(g)
	refs := make([]string, len(r.letters))
	for i, k := range r.letters {
		refs[i] = a.letterID(k)
	}
	if r.from.IsZero() {
		return fmt.Sprintf("The letters from %s to %s, authorizations %s,", party(f.Grantor), party(f.Grantee), english.And(refs)), true, r.letters[0]
	}
	when := capital(period(r.from, r.to))
	if len(r.letters) == 1 {
		return fmt.Sprintf("%s, the only letter from %s to %s in force, %s,", when, party(f.Grantor), party(f.Grantee), a.letterRef(r.letters[0])), false, r.letters[0]
	}
	return fmt.Sprintf("%s, the letters from %s to %s in force, authorizations %s,", when, party(f.Grantor), party(f.Grantee), english.And(refs)), true, r.letters[0]
}

// verb picks the singular or plural form.
func verb(plural bool, one, many string) string {
	if plural {
		return many
	}
	return one
}

func (a *analysis) trademarkFinding(c *linkCheck, t *manifest.Trademark, g int, r run) {
	subj, plural, k := a.subj(g, r)
	var named []string
	for _, l := range r.letters {
		for _, id := range a.m.Authorizations[l].Trademarks {
			if ref := a.tmRef(id); !slices.Contains(named, ref) {
				named = append(named, ref)
			}
		}
	}
	msg := a.lsay(verb(plural, "tm.none.one", "tm.none.many"), subj, a.mark(t))
	if len(named) > 0 {
		msg = a.lsay(verb(plural, "tm.only.one", "tm.only.many"), subj, a.mark(t), a.and(named))
	}
	where := a.authWhere(k, "trademarks")
	au := &a.m.Authorizations[k]
	hint := a.lsay("tm.hint", au.Grantor, t.Mark, au.ID, t.ID, where)
	if t.Number != "" {
		hint = a.lsay("tm.hint.reg", au.Grantor, t.Mark, t.Number, au.ID, t.ID, where)
	}
	c.uncover(r, AuthTrademarkNotCovered)
	c.add(k, AuthTrademarkNotCovered, where, hint, msg)
}

func (a *analysis) platformFinding(c *linkCheck, g int, r run) {
	subj, plural, k := a.subj(g, r)
	var limited []string
	for _, l := range r.letters {
		for _, p := range a.m.Authorizations[l].Platforms {
			if !slices.Contains(limited, p) {
				limited = append(limited, p)
			}
		}
	}
	label := a.mk.platform.label
	where := a.authWhere(k, "platforms")
	au := &a.m.Authorizations[k]
	c.uncover(r, AuthPlatformNotCovered)
	c.add(k, AuthPlatformNotCovered, where,
		a.lsay("platform.hint", au.Grantor, label, au.ID, where),
		a.lsay(number(plural, "platform"), subj, a.list(limited), label))
}

func (a *analysis) territoryFinding(c *linkCheck, g int, r run) {
	subj, plural, k := a.subj(g, r)
	limited := a.territories(r.letters)
	var uniq []string
	for _, t := range limited {
		if !slices.Contains(uniq, t) {
			uniq = append(uniq, t)
		}
	}
	gap, short := a.gapSaid(r.detail)
	msg := a.lsay(number(plural, "territory"), subj, a.list(uniq), gap)
	au := &a.m.Authorizations[k]
	where := a.authWhere(k, "territories")
	hint := a.lsay("territory.hint", au.Grantor, short, au.ID, where)
	if r.detail == "worldwide" {
		msg = a.lsay(number(plural, "worldwide"), subj, a.list(uniq), a.mk.platform.label)
		hint = a.lsay("worldwide.hint", au.Grantor, au.ID, where)
	}
	c.uncover(r, AuthTerritoryNotCovered)
	c.add(k, AuthTerritoryNotCovered, where, hint, msg)
}

func (a *analysis) sublicenseFinding(c *linkCheck, g, next int, r run) {
	subj, plural, k := a.subj(g, r)
	au := &a.m.Authorizations[k]
	n := a.first(next)
	where := a.authWhere(k, "sublicense")
	c.uncover(r, AuthNoSublicense)
	c.add(k, AuthNoSublicense, where,
		a.lsay("sublicense.hint", au.Grantor, au.Grantee, au.Grantor, au.ID, where),
		a.lsay(number(plural, "sublicense"), subj, a.who(au.Grantee), a.links(next), a.who(n.Grantor), a.who(n.Grantee)))
}
