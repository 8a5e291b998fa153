// Package chain proves, or disproves, that the seller may use each trademark
// a case relies on.
//
// For every trademark in the manifest, Analyze either finds that the seller
// owns it (the owner's name matches seller.legal_name, seller.store or one of
// seller.aliases, see NormalizeParty), or looks for a chain of links from
// the trademark's owner to the seller: owner → grantee → ... → seller.
//
// A link is every authorization letter from one party to another: letters
// whose grantors are the same party and whose grantees are the same party
// (by NormalizeParty; the seller's names are all one party) form one link,
// such as a letter and its renewal. A link gives the right on a date when a
// letter of the link in force on that date names the trademark, covers the
// platform, and (together with the other letters in force that day) covers
// the territory; a link followed by another must also allow sublicensing
// on that date. Every link is checked this way on each date of the Window.
// Dates on which no letter is in force are AUTH_NOT_YET_VALID before the
// link's first letter, AUTH_EXPIRED after its last, and AUTH_GAP between
// two letters.
//
// The chain used is a valid one if there is one (the shortest, then the
// first in manifest order); otherwise the broken one with the fewest
// problems, then the shortest, so that the findings are concrete. The other
// chains, dead ends and cycles are returned as rejected candidates with the
// reason each was not used. The trademark itself is checked too:
// certificate, registration and expiry dates, pending status. Whether the
// platform wants an English (Latin-letter) mark is a question of its
// profile, asked by package check.
//
// Finding codes (a contract, see the Code constants) are errors, except
// TM_PENDING, which is a warning. Every finding names the exhibit (the
// packet exhibit ID from Exhibits, else the manifest ID), the manifest field
// at fault (Where) and the dates or names that are wrong. Messages speak of
// the seller in the third person, because the packet shows them to the
// platform's reviewer; hints tell the seller what to do, naming the
// manifest ID and its case.yaml line.
//
// Analyze is pure: it reads the manifest only, does no I/O and keeps no
// state between calls (the package's only variables are read-only lookup
// tables: company forms and their spellings, built once on first use,
// platforms, countries and regions).
package chain

import (
	"cmp"
	"slices"
	"strings"

	"appealpacket/internal/i18n"
	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
)

// Finding codes reported by Analyze.
const (
	AuthChainBroken         = "AUTH_CHAIN_BROKEN"
	AuthNotYetValid         = "AUTH_NOT_YET_VALID" // no letter of a link is in force yet at the start of the window
	AuthExpired             = "AUTH_EXPIRED"       // every letter of a link has ended before the end of the window
	AuthGap                 = "AUTH_GAP"           // dates of the window between two letters of a link that no letter covers
	AuthPlatformNotCovered  = "AUTH_PLATFORM_NOT_COVERED"
	AuthTerritoryNotCovered = "AUTH_TERRITORY_NOT_COVERED"
	AuthTrademarkNotCovered = "AUTH_TRADEMARK_NOT_COVERED"
	AuthNoSublicense        = "AUTH_NO_SUBLICENSE"
	AuthNoDocument          = "AUTH_NO_DOCUMENT"
	TMExpired               = "TM_EXPIRED"
	TMNotYetRegistered      = "TM_NOT_YET_REGISTERED"
	TMPending               = "TM_PENDING"
	TMNoCertificate         = "TM_NO_CERTIFICATE"
	TMOwnerMismatch         = "TM_OWNER_MISMATCH"
)

// Exhibits maps manifest IDs to packet exhibit IDs (trademark "TM1" → "T-1",
// authorization "AUTH2" → "A-2"). A nil function, or "" from it, means the
// item has no exhibit: findings then name the manifest ID.
type Exhibits struct {
	Trademark     func(id string) string
	Authorization func(id string) string
}

// Report is the result of Analyze.
type Report struct {
	Trademarks []TrademarkResult // one per trademark, in manifest order
	// Links is every link of the case (see Link), in the manifest order of
	// their first letters; every authorization is in exactly one. Their
	// Findings and Uncovered are empty: a link's problems depend on the
	// trademark and the chain, see TrademarkResult.Chain.
	Links []Link
	// Findings is every finding of every trademark, each once, sorted with
	// finding.List.Sort.
	Findings finding.List
}

// TrademarkResult is what Analyze found about one trademark.
type TrademarkResult struct {
	Trademark  *manifest.Trademark
	SellerOwns bool // the seller owns the mark: no chain needed
	// Chain is the chain used, owner → ... → seller, nil if none connects
	// them. When the owner has no authorization at all but another party's
	// chain for this mark reaches the seller, Chain is that chain and the
	// result has TM_OWNER_MISMATCH.
	Chain []Link
	// Summary says in a sentence, in the third person, why Chain was
	// used, or why there is none, in the case's language (case.language).
	Summary string
	// Rejected lists the other chains found and the paths tried, with the
	// reason each was not used: problems, dead end, cycle, wrong start.
	Rejected []Candidate
	// Findings is every finding about this trademark: the mark's own, the
	// chain's links', and AUTH_CHAIN_BROKEN or TM_OWNER_MISMATCH.
	Findings finding.List
	// MarkProblems are the codes of the blocking findings about the mark
	// itself (TM_EXPIRED, TM_NOT_YET_REGISTERED, ...), whatever its chain.
	MarkProblems []string
	Window       Window // the dates that matter
}

// Candidate is a chain or partial path that was not used.
type Candidate struct {
	Chain    []Link
	Complete bool         // the path reaches the seller
	Reason   string       // why it was not used, in the case's language
	Findings finding.List // what is wrong with its links (complete chains)
}

// Window is the span of dates on which the seller must be allowed to use a
// mark: from the earliest listing publication date (or the complaint date
// when no listing has one) to the complaint date (or the latest listing
// date when the case has no complaint date). Both are zero when the case
// gives no date at all; dates are then not checked.
type Window struct {
	From, To manifest.Date
	// FromEvent and ToEvent say what happened on From and To, to complete
	// "... on <date>": "listing 1005006543210 was published", "the
	// complaint was made".
	FromEvent, ToEvent string
	// Said is FromEvent and ToEvent in the case's language, for the
	// packet (findings say FromEvent and ToEvent).
	Said [2]string
}

// Limits on the search for chains, so that a huge or adversarial manifest
// still finishes quickly. Real cases have a handful of authorizations.
const (
	maxSteps = 20000 // links followed per trademark, all searches together
	maxPaths = 200   // complete, dead-end and cycle paths kept per kind
)

// Analyze checks every trademark of m and its authorization chain. A case
// without trademarks gets an empty report, apart from its Links.
func Analyze(m *manifest.Manifest, ex Exhibits) *Report {
	r := &Report{}
	if m == nil {
		return r
	}
	a := newAnalysis(m, ex)
	for g := range a.groups {
		r.Links = append(r.Links, a.link(g, linkCheck{}))
	}
	seen := map[string]bool{}
	for i := range m.Trademarks {
		res := a.trademark(i)
		tidyAll(res.Findings)
		for _, l := range res.Chain {
			tidyAll(l.Findings)
		}
		for _, c := range res.Rejected {
			tidyAll(c.Findings)
			for _, l := range c.Chain {
				tidyAll(l.Findings)
			}
		}
		res.Findings.Sort()
		for _, f := range res.Findings {
			k := f.Code + "\x00" + f.Exhibit + "\x00" + f.Where + "\x00" + f.Message
			if !seen[k] {
				seen[k] = true
				r.Findings = append(r.Findings, f)
			}
		}
		r.Trademarks = append(r.Trademarks, res)
	}
	r.Findings.Sort()
	return r
}

// analysis holds what every trademark's analysis shares.
type analysis struct {
	m       *manifest.Manifest
	lang    i18n.Lang // the case's language, of the summaries
	ex      Exhibits
	win     Window
	mk      market
	sellers map[string]bool  // normalised seller names
	groups  []group          // the links, in manifest order of their first letters
	out     map[string][]int // party key → the groups it grants, in order
	tmIndex map[string]int   // trademark ID → index
	steps   int              // links followed for the current trademark
}

func newAnalysis(m *manifest.Manifest, ex Exhibits) *analysis {
	a := &analysis{m: m, ex: ex, win: window(m), mk: marketOf(m), out: map[string][]int{}, tmIndex: map[string]int{}}
	_, a.sellers = SellerNames(m.Seller)
	a.lang, _ = i18n.Parse(m.Case.Language)
	for i, t := range m.Trademarks {
		a.tmIndex[t.ID] = i
	}
	a.groupLinks()
	return a
}

// SellerNames returns the seller's names that can name a party (legal
// name, store, aliases; see NormalizeParty), as written, and the set of
// their keys.
func SellerNames(s manifest.Seller) (names []string, keys map[string]bool) {
	keys = map[string]bool{}
	for _, n := range append([]string{s.LegalName, s.Store}, s.Aliases...) {
		if k := NormalizeParty(n); k != "" {
			names = append(names, n)
			keys[k] = true
		}
	}
	return names, keys
}

// window computes the dates that matter.
func window(m *manifest.Manifest) Window {
	var w Window
	lang, _ := i18n.Parse(m.Case.Language)
	for _, l := range m.Listings {
		if l.Published.IsZero() {
			continue
		}
		what := "listing " + l.ID + " was published"
		said := messages.Text(lang, "event.listing", l.ID)
		if w.From.IsZero() || l.Published.Before(w.From) {
			w.From, w.FromEvent, w.Said[0] = l.Published, what, said
		}
		if w.To.IsZero() || l.Published.After(w.To) {
			w.To, w.ToEvent, w.Said[1] = l.Published, what, said
		}
	}
	if c := m.Case.ComplaintDate; !c.IsZero() {
		const what = "the complaint was made"
		said := messages.Text(lang, "event.complaint")
		w.To, w.ToEvent, w.Said[1] = c, what, said
		if w.From.IsZero() || c.Before(w.From) {
			w.From, w.FromEvent, w.Said[0] = c, what, said
		}
	}
	return w
}

// trademark analyses the i-th trademark.
func (a *analysis) trademark(i int) (res TrademarkResult) {
	t := &a.m.Trademarks[i]
	res = TrademarkResult{Trademark: t, Window: a.win}
	a.steps = 0
	res.Findings = a.checkMark(i)
	res.MarkProblems = blockingCodes(res.Findings)
	// Whatever the chain, a mark that is itself not valid (expired, not
	// yet registered) gives no right: the summary says so.
	if len(res.MarkProblems) > 0 {
		defer func() { res.Summary += a.say("summary.markproblem", strings.Join(res.MarkProblems, ", ")) }()
	}
	owner := NormalizeParty(t.Owner)
	switch {
	case owner == "":
		res.Summary = a.say("summary.noowner")
		where := a.tmWhere(i, "owner")
		res.Findings.Add(finding.Error, TMOwnerMismatch, a.tmEx(t.ID),
			a.lsay("owner.none.hint", t.ID, where), "%s", a.lsay("owner.none", a.mark(t)))
		res.Findings[len(res.Findings)-1].Where = where
		return res
	case a.sellers[owner]:
		res.SellerOwns = true
		res.Summary = a.say(ownerKey(t, "summary.sellerowns"), t.Owner)
		return res
	}

	s := a.search(owner, nil)
	if len(s.complete) > 0 {
		cands := a.evaluate(t, s.complete)
		rank(cands)
		best := cands[0]
		a.use(&res, best)
		n := len(best.path)
		switch {
		case best.errs == 0 && a.win.From.IsZero():
			res.Summary = a.say("summary.valid.nodates", a.pathText(best.path))
		case best.errs == 0:
			res.Summary = a.say("summary.valid", a.pathText(best.path), a.date(a.win.From), a.date(a.win.To))
		case len(cands) == 1:
			res.Summary = messages.Count(a.lang, "summary.only", best.errs, t.Owner, a.pathText(best.path), best.errs)
		default:
			res.Summary = a.say("summary.fewest", t.Owner, a.pathText(best.path), best.errs)
		}
		for _, c := range cands[1:] {
			var why string
			switch {
			case c.errs > 0 && best.errs > 0:
				why = a.say("reason.problems.fewer", a.problemsSaid(c))
			case c.errs > 0:
				why = a.say("reason.problems", a.problemsSaid(c))
			case len(c.path) > n:
				why = a.say("reason.longer", len(c.path), n)
			default:
				why = a.say("reason.later")
			}
			res.Rejected = append(res.Rejected, Candidate{Chain: a.chainOf(c), Complete: true, Reason: why, Findings: c.all()})
		}
		a.rejectPartial(&res, s)
		return res
	}

	// No path from the owner reaches the seller. Is there a chain for this
	// mark from someone else?
	orphans := a.orphans(t, owner)
	if len(orphans) > 0 && len(a.out[owner]) == 0 {
		best := orphans[0]
		a.use(&res, best)
		first := a.first(best.path[0])
		where := a.tmWhere(i, "owner")
		res.Summary = a.say(ownerKey(t, "summary.orphan"), a.pathText(best.path), first.Grantor, t.Owner)
		res.Findings.Add(finding.Error, TMOwnerMismatch, a.tmEx(t.ID),
			a.lsay("owner.orphan.hint", first.Grantor, t.ID, where, t.Owner, first.Grantor),
			"%s", a.lsay(ownerKey(t, "owner.orphan"), a.mark(t), first.Grantor, a.links(best.path[0]), t.Owner))
		res.Findings[len(res.Findings)-1].Where = where
		for _, c := range orphans[1:] {
			res.Rejected = append(res.Rejected, Candidate{Chain: a.chainOf(c), Complete: true, Reason: a.orphanReason(c, t, best), Findings: c.all()})
		}
		a.rejectPartial(&res, s)
		return res
	}
	a.broken(&res, i, s, orphans)
	for _, c := range orphans {
		res.Rejected = append(res.Rejected, Candidate{Chain: a.chainOf(c), Complete: true, Reason: a.orphanReason(c, t, nil), Findings: c.all()})
	}
	a.rejectPartial(&res, s)
	return res
}

// use records c as the chain used.
func (a *analysis) use(res *TrademarkResult, c *cand) {
	res.Chain = a.chainOf(c)
	res.Findings = append(res.Findings, c.all()...)
}

func (a *analysis) orphanReason(c *cand, t *manifest.Trademark, used *cand) string {
	why := a.say(ownerKey(t, "reason.orphan"), a.first(c.path[0]).Grantor, t.Owner)
	if used != nil {
		why = a.say("reason.orphan.used", why)
	}
	if c.errs > 0 {
		why = a.say("reason.orphan.problems", why, a.problemsSaid(c))
	}
	return why
}

// broken reports AUTH_CHAIN_BROKEN, saying where the chain breaks.
func (a *analysis) broken(res *TrademarkResult, i int, s *search, orphans []*cand) {
	t := &a.m.Trademarks[i]
	seller := a.sellerName()
	also, alsoSaid := "", ""
	if len(orphans) > 0 {
		o := orphans[0].path[0]
		also = a.lsay("broken.also", a.linkID(o), a.first(o).Grantor)
		// The summary says it too: a name spelt two ways is the likeliest
		// break, and the chain page must not read as if a letter were
		// missing when it is in the packet.
		alsoSaid = a.say("summary.also", a.linkRefSaid(o), a.first(o).Grantor)
	}
	defer func() { res.Summary += alsoSaid }()
	if len(s.dead) == 0 && len(s.cycles) == 0 {
		where := a.tmWhere(i, "owner")
		res.Summary = a.say(ownerKey(t, "summary.none"), t.Owner)
		res.Findings.Add(finding.Error, AuthChainBroken, a.tmEx(t.ID),
			a.lsay("broken.none.hint", t.Owner, t.Owner, also), "%s", a.lsay(ownerKey(t, "broken.none"), t.Owner, a.mark(t)))
		res.Findings[len(res.Findings)-1].Where = where
		return
	}
	if len(s.dead) == 0 {
		c := s.cycles[0]
		last := c[len(c)-1]
		l := a.first(last)
		where := a.authWhere(a.groups[last].letters[0], "grantee")
		res.Summary = a.say("summary.cycle", t.Owner)
		res.Findings.Add(finding.Error, AuthChainBroken, a.authEx(a.groups[last].letters[0]),
			a.lsay("broken.cycle.hint", seller, a.linkID(last), where, also),
			"%s", a.lsay("broken.cycle", a.mark(t), a.links(last), l.Grantee, seller))
		res.Findings[len(res.Findings)-1].Where = where
		return
	}
	// The longest dead end is the closest the chain comes to the seller.
	d := slices.MaxFunc(s.dead, func(x, y []int) int { return cmp.Compare(len(x), len(y)) })
	last := d[len(d)-1]
	k := a.groups[last].letters[0]
	end := a.who(a.m.Authorizations[k].Grantee)
	where := a.authWhere(k, "grantee")
	res.Summary = a.say("summary.deadend", t.Owner, end)
	res.Findings.Add(finding.Error, AuthChainBroken, a.authEx(k),
		a.lsay("broken.deadend.hint", end, cmp.Or(a.m.Seller.LegalName, a.m.Seller.Store), a.linkID(last), end, end, also),
		"%s", a.lsay("broken.deadend", a.mark(t), a.links(last), end, seller, end))
	res.Findings[len(res.Findings)-1].Where = where
}

// rejectPartial adds the dead ends and cycles of s to res.Rejected.
func (a *analysis) rejectPartial(res *TrademarkResult, s *search) {
	for _, p := range s.dead {
		last := p[len(p)-1]
		res.Rejected = append(res.Rejected, Candidate{Chain: a.pathLinks(p),
			Reason: a.say("reason.deadend", a.linkRefSaid(last), party(a.first(last).Grantee))})
	}
	for _, p := range s.cycles {
		last := p[len(p)-1]
		res.Rejected = append(res.Rejected, Candidate{Chain: a.pathLinks(p),
			Reason: a.say("reason.cycle", a.linkRefSaid(last), a.first(last).Grantee)})
	}
}

// search is the result of following links from one party.
type search struct {
	complete, dead, cycles [][]int // paths of group indexes
}

// search follows links from start (a party key) depth first, in manifest
// order, never visiting a party twice on one path and stopping at the
// seller. use, when not nil, selects the links that may be followed.
func (a *analysis) search(start string, use func(g int) bool) *search {
	s := &search{}
	onPath := map[string]bool{start: true}
	var walk func(node string, path []int)
	walk = func(node string, path []int) {
		var links []int
		for _, g := range a.out[node] {
			if use == nil || use(g) {
				links = append(links, g)
			}
		}
		if len(links) == 0 {
			if len(path) > 0 && len(s.dead) < maxPaths {
				s.dead = append(s.dead, path)
			}
			return
		}
		for _, g := range links {
			if a.steps++; a.steps > maxSteps {
				return
			}
			next := a.groups[g].grantee
			p := append(slices.Clip(path), g)
			switch {
			case next == sellerKey:
				if len(s.complete) < maxPaths {
					s.complete = append(s.complete, p)
				}
			case next == "":
				if len(s.dead) < maxPaths {
					s.dead = append(s.dead, p)
				}
			case onPath[next]:
				if len(s.cycles) < maxPaths {
					s.cycles = append(s.cycles, p)
				}
			default:
				onPath[next] = true
				walk(next, p)
				delete(onPath, next)
			}
		}
	}
	walk(start, nil)
	return s
}

// cand is a complete chain with its link checks.
type cand struct {
	path  []int       // group indexes
	links []linkCheck // per link
	errs  int
	root  bool // orphans: the first grantor receives no link for the mark
}

// all is every finding of the chain's links.
func (c *cand) all() finding.List {
	var out finding.List
	for _, l := range c.links {
		out = append(out, l.findings...)
	}
	return out
}

// evaluate checks every link of every path.
func (a *analysis) evaluate(t *manifest.Trademark, paths [][]int) []*cand {
	cands := make([]*cand, len(paths))
	for i, p := range paths {
		c := &cand{path: p}
		for j, g := range p {
			next := -1
			if j+1 < len(p) {
				next = p[j+1]
			}
			l := a.checkLink(t, g, next)
			c.errs += l.findings.Count(finding.Error)
			c.links = append(c.links, l)
		}
		cands[i] = c
	}
	return cands
}

// rank sorts candidates, best first: orphan chains from a root first, then
// fewest errors, fewest findings, shortest, then search (manifest) order.
func rank(cands []*cand) {
	slices.SortStableFunc(cands, func(x, y *cand) int {
		return cmp.Or(
			-boolCmp(x.root, y.root),
			cmp.Compare(x.errs, y.errs),
			cmp.Compare(len(x.all()), len(y.all())),
			cmp.Compare(len(x.path), len(y.path)))
	})
}

func boolCmp(x, y bool) int {
	switch {
	case x == y:
		return 0
	case x:
		return 1
	}
	return -1
}

// orphans finds chains for t that reach the seller from someone other than
// the owner, following only links that name t. Chains starting at a party
// that receives no link for t come first.
func (a *analysis) orphans(t *manifest.Trademark, owner string) []*cand {
	names := func(g int) bool {
		return slices.ContainsFunc(a.groups[g].letters, func(k int) bool { return slices.Contains(a.m.Authorizations[k].Trademarks, t.ID) })
	}
	received := map[string]bool{}
	for g := range a.groups {
		if names(g) {
			received[a.groups[g].grantee] = true
		}
	}
	var cands []*cand
	done := map[string]bool{owner: true, "": true, sellerKey: true}
	for g := range a.groups {
		from := a.groups[g].grantor
		if done[from] || !names(g) {
			continue
		}
		done[from] = true
		for _, c := range a.evaluate(t, a.search(from, names).complete) {
			c.root = !received[from]
			cands = append(cands, c)
		}
	}
	rank(cands)
	return cands
}

// blockingCodes are the codes of the blocking findings of fs, once each.
func blockingCodes(fs finding.List) []string {
	var codes []string
	for _, f := range fs {
		if f.Severity == finding.Error && !slices.Contains(codes, f.Code) {
			codes = append(codes, f.Code)
		}
	}
	return codes
}

// checkMark checks the trademark itself.
func (a *analysis) checkMark(i int) finding.List {
	t := &a.m.Trademarks[i]
	var l finding.List
	ex := a.tmEx(t.ID)
	add := func(sev finding.Severity, code, where, hint, format string, args ...any) {
		l.Add(sev, code, ex, hint, format, args...)
		l[len(l)-1].Where = where
	}
	if len(t.Files) == 0 {
		where := a.tmWhere(i, "files")
		add(finding.Error, TMNoCertificate, where,
			a.lsay("mark.nocert.hint", t.ID, where), "%s", a.lsay("mark.nocert", a.mark(t)))
	}
	if t.Status == "pending" {
		where := a.tmWhere(i, "status")
		add(finding.Warning, TMPending, where,
			a.lsay("mark.pending.hint", t.ID, where), "%s", a.lsay("mark.pending", a.mark(t)))
	} else if !t.Registered.IsZero() && !a.win.From.IsZero() && t.Registered.After(a.win.From) {
		where := a.tmWhere(i, "registered")
		add(finding.Error, TMNotYetRegistered, where,
			a.lsay("mark.notyet.hint", t.Registered, t.ID, where), "%s", a.lsay("mark.notyet", a.mark(t), t.Registered, a.event(true)))
	}
	if !t.Expires.IsZero() && !a.win.To.IsZero() && t.Expires.Before(a.win.To) {
		where := a.tmWhere(i, "expires")
		add(finding.Error, TMExpired, where,
			a.lsay("mark.expired.hint", t.ID, where), "%s", a.lsay("mark.expired", a.mark(t), t.Expires, a.event(false)))
	}
	return l
}

// ownerKey is the message key that names a mark's owner: a pending mark
// has an applicant, not a registered owner.
func ownerKey(t *manifest.Trademark, key string) string {
	if t.Status == "pending" {
		return key + ".applicant"
	}
	return key
}
