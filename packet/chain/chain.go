// Package chain proves, or disproves, that the seller may use each trademark
// a case relies on.
//
// For every trademark in the manifest, Analyze either finds that the seller
// owns it (the owner's name matches seller.legal_name, seller.store or one of
// seller.aliases, see NormalizeParty), or looks for a chain of
// authorizations from the trademark's owner to the seller: owner → grantee
// → ... → seller. Every chain found is checked link by link on the dates
// that matter (see Window): dates, trademark, platform, territory, right to
// sublicense, scanned letter. The chain used is a valid one if there is one
// (the shortest, then the first in manifest order); otherwise the broken one
// with the fewest problems, then the shortest, so that the findings are
// concrete. The other chains, dead ends and cycles are returned as rejected
// candidates with the reason each was not used. The trademark itself is
// checked too: certificate, registration and expiry dates, pending status.
// Whether the platform wants an English (Latin-letter) mark is a question
// of its profile, asked by package check.
//
// Finding codes (a contract, see the Code constants) are errors, except
// TM_PENDING, which is a warning. Every finding names the
// exhibit (the packet exhibit ID from Exhibits, else the manifest ID), the
// manifest field at fault (Where), the date or name that is wrong, and what
// to do about it.
//
// Analyze is pure: it reads the manifest only, does no I/O and keeps no
// state between calls (the package's only variables are read-only lookup
// tables: company forms and their spellings, built once on first use,
// platforms, countries and regions).
package chain

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"appealpacket/internal/english"
	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
)

// Finding codes reported by Analyze.
const (
	AuthChainBroken         = "AUTH_CHAIN_BROKEN"
	AuthNotYetValid         = "AUTH_NOT_YET_VALID"
	AuthExpired             = "AUTH_EXPIRED"
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
	Chain []*manifest.Authorization
	// Summary says in a sentence why Chain was used, or why there is none.
	Summary string
	// Rejected lists the other chains found and the paths tried, with the
	// reason each was not used: problems, dead end, cycle, wrong start.
	Rejected []Candidate
	// LinkFindings holds the findings of each link of Chain, by
	// authorization ID (links without problems have no entry).
	LinkFindings map[string]finding.List
	// Findings is every finding about this trademark: the mark's own, the
	// chain's links', and AUTH_CHAIN_BROKEN or TM_OWNER_MISMATCH.
	Findings finding.List
	Window   Window // the dates that matter
}

// Candidate is a chain or partial path that was not used.
type Candidate struct {
	Chain    []*manifest.Authorization
	Complete bool         // the path reaches the seller
	Reason   string       // why it was not used
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
}

func (w Window) from() string { return w.FromEvent + " on " + w.From.String() }
func (w Window) to() string   { return w.ToEvent + " on " + w.To.String() }

// Limits on the search for chains, so that a huge or adversarial manifest
// still finishes quickly. Real cases have a handful of authorizations.
const (
	maxSteps = 20000 // links followed per trademark, all searches together
	maxPaths = 200   // complete, dead-end and cycle paths kept per kind
)

// Analyze checks every trademark of m and its authorization chain. A case
// without trademarks gets an empty report.
func Analyze(m *manifest.Manifest, ex Exhibits) *Report {
	r := &Report{}
	if m == nil || len(m.Trademarks) == 0 {
		return r
	}
	a := newAnalysis(m, ex)
	seen := map[string]bool{}
	for i := range m.Trademarks {
		res := a.trademark(i)
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
	ex      Exhibits
	win     Window
	mk      market
	sellers map[string]bool  // normalised seller names
	grantor []string         // normalised grantor of each authorization
	grantee []string         // normalised grantee of each authorization
	out     map[string][]int // normalised grantor → its authorizations, in manifest order
	steps   int              // links followed for the current trademark
}

func newAnalysis(m *manifest.Manifest, ex Exhibits) *analysis {
	a := &analysis{m: m, ex: ex, win: window(m), mk: marketOf(m), out: map[string][]int{}}
	_, a.sellers = SellerNames(m.Seller)
	for k, auth := range m.Authorizations {
		g, e := NormalizeParty(auth.Grantor), NormalizeParty(auth.Grantee)
		a.grantor = append(a.grantor, g)
		a.grantee = append(a.grantee, e)
		if g != "" {
			a.out[g] = append(a.out[g], k)
		}
	}
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
	for _, l := range m.Listings {
		if l.Published.IsZero() {
			continue
		}
		what := "listing " + l.ID + " was published"
		if w.From.IsZero() || l.Published.Before(w.From) {
			w.From, w.FromEvent = l.Published, what
		}
		if w.To.IsZero() || l.Published.After(w.To) {
			w.To, w.ToEvent = l.Published, what
		}
	}
	if c := m.Case.ComplaintDate; !c.IsZero() {
		const what = "the complaint was made"
		w.To, w.ToEvent = c, what
		if w.From.IsZero() || c.Before(w.From) {
			w.From, w.FromEvent = c, what
		}
	}
	return w
}

// trademark analyses the i-th trademark.
func (a *analysis) trademark(i int) TrademarkResult {
	t := &a.m.Trademarks[i]
	res := TrademarkResult{Trademark: t, Window: a.win, LinkFindings: map[string]finding.List{}}
	a.steps = 0
	res.Findings = a.checkMark(i)
	owner := NormalizeParty(t.Owner)
	switch {
	case owner == "":
		res.Summary = "The trademark has no owner in case.yaml, so its chain cannot be checked."
		res.Findings.Add(finding.Error, TMOwnerMismatch, a.tmEx(t.ID), "Copy the owner's name from the registration certificate into owner:.",
			"%s has no owner in case.yaml, so nobody can be shown to have authorized you to use it.", a.tmName(t))
		res.Findings[len(res.Findings)-1].Where = a.m.Where(fmt.Sprintf("trademarks[%d].owner", i))
		return res
	case a.sellers[owner]:
		res.SellerOwns = true
		res.Summary = fmt.Sprintf("You own the mark (owner %q is one of your names): no authorization is needed.", t.Owner)
		return res
	}

	s := a.search(owner, nil)
	if len(s.complete) > 0 {
		cands := a.evaluate(t, s.complete)
		rank(cands)
		best := cands[0]
		a.use(&res, best)
		n := len(best.path)
		if best.errs == 0 {
			res.Summary = fmt.Sprintf("The chain %s is valid from %s to %s.", a.pathText(best.path), a.win.From, a.win.To)
			if a.win.From.IsZero() {
				res.Summary = fmt.Sprintf("The chain %s is valid (the case gives no dates to check).", a.pathText(best.path))
			}
		} else if len(cands) == 1 {
			res.Summary = fmt.Sprintf("The only chain from %s to you, %s, has %s.", t.Owner, a.pathText(best.path), english.Count(best.errs, "problem"))
		} else {
			res.Summary = fmt.Sprintf("No chain from %s to you is fully valid; %s has the fewest problems (%d).", t.Owner, a.pathText(best.path), best.errs)
		}
		for _, c := range cands[1:] {
			var why string
			switch {
			case c.errs > 0 && best.errs > 0:
				why = "has " + a.problems(c) + "; the chain used has fewer problems or is shorter"
			case c.errs > 0:
				why = "has " + a.problems(c)
			case len(c.path) > n:
				why = fmt.Sprintf("valid too, but longer than the chain used (%d links, not %d)", len(c.path), n)
			default:
				why = "valid too, but the chain used comes first in case.yaml"
			}
			res.Rejected = append(res.Rejected, Candidate{Chain: a.auths(c.path), Complete: true, Reason: why, Findings: flatten(c.links)})
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
		first := &a.m.Authorizations[best.path[0]]
		res.Summary = fmt.Sprintf("The chain %s reaches you but starts at %s, not at the owner %s.", a.pathText(best.path), first.Grantor, t.Owner)
		res.Findings.Add(finding.Error, TMOwnerMismatch, a.tmEx(t.ID),
			fmt.Sprintf("If the mark was transferred to %s, attach the transfer approval and update owner:; if both names are the same company, write them the same way; otherwise add %s's authorization to %s.", first.Grantor, t.Owner, first.Grantor),
			"The authorization chain for %s starts at %s (%s), but the trademark's owner is %s: the first grantor must be the owner.",
			a.tmName(t), first.Grantor, a.authName(best.path[0]), t.Owner)
		res.Findings[len(res.Findings)-1].Where = a.m.Where(fmt.Sprintf("trademarks[%d].owner", i))
		for _, c := range orphans[1:] {
			res.Rejected = append(res.Rejected, Candidate{Chain: a.auths(c.path), Complete: true, Reason: a.orphanReason(c, t, best), Findings: flatten(c.links)})
		}
		a.rejectPartial(&res, s)
		return res
	}
	a.broken(&res, i, s, orphans)
	for _, c := range orphans {
		res.Rejected = append(res.Rejected, Candidate{Chain: a.auths(c.path), Complete: true, Reason: a.orphanReason(c, t, nil), Findings: flatten(c.links)})
	}
	a.rejectPartial(&res, s)
	return res
}

// use records c as the chain used.
func (a *analysis) use(res *TrademarkResult, c *cand) {
	res.Chain = a.auths(c.path)
	for j, k := range c.path {
		if len(c.links[j]) > 0 {
			res.LinkFindings[a.m.Authorizations[k].ID] = c.links[j]
		}
		res.Findings = append(res.Findings, c.links[j]...)
	}
}

func (a *analysis) orphanReason(c *cand, t *manifest.Trademark, used *cand) string {
	why := fmt.Sprintf("starts at %s, not at the trademark's owner %s", a.m.Authorizations[c.path[0]].Grantor, t.Owner)
	if used != nil {
		why += "; the chain used has fewer problems or comes first"
	}
	if c.errs > 0 {
		why += "; and has " + a.problems(c)
	}
	return why
}

// broken reports AUTH_CHAIN_BROKEN, saying where the chain breaks.
func (a *analysis) broken(res *TrademarkResult, i int, s *search, orphans []*cand) {
	t := &a.m.Trademarks[i]
	seller := a.sellerName()
	also := ""
	if len(orphans) > 0 {
		o := orphans[0].path[0]
		also = fmt.Sprintf(" %s starts at %s: if that is the same company, write its name the same way in both places.", a.authName(o), a.m.Authorizations[o].Grantor)
	}
	if len(s.dead) == 0 && len(s.cycles) == 0 {
		res.Summary = fmt.Sprintf("No authorization from the owner %s: nothing connects the mark to you.", t.Owner)
		res.Findings.Add(finding.Error, AuthChainBroken, a.tmEx(t.ID),
			fmt.Sprintf("Add %s's authorization (to you, or to the distributor who authorized you) under authorizations:, with grantor written as on the certificate: %q.%s", t.Owner, t.Owner, also),
			"There is no authorization from %s, the owner of %s, so nothing shows that you may use the mark.", t.Owner, a.tmName(t))
		res.Findings[len(res.Findings)-1].Where = a.m.Where(fmt.Sprintf("trademarks[%d].owner", i))
		return
	}
	if len(s.dead) == 0 {
		c := s.cycles[0]
		last := c[len(c)-1]
		res.Summary = fmt.Sprintf("The authorizations from %s go round in a circle and never reach you.", t.Owner)
		res.Findings.Add(finding.Error, AuthChainBroken, a.authEx(last),
			fmt.Sprintf("Add the authorization that reaches your company %s, or fix the grantee of %s.%s", seller, a.m.Authorizations[last].ID, also),
			"The authorizations for %s go round in a circle (%s leads back to %s) and never reach you (%s).",
			a.tmName(t), a.authName(last), a.m.Authorizations[last].Grantee, seller)
		res.Findings[len(res.Findings)-1].Where = a.m.Where(fmt.Sprintf("authorizations[%d].grantee", last))
		return
	}
	// The longest dead end is the closest the chain comes to the seller.
	d := slices.MaxFunc(s.dead, func(x, y []int) int { return cmp.Compare(len(x), len(y)) })
	last := d[len(d)-1]
	end := party(a.m.Authorizations[last].Grantee)
	res.Summary = fmt.Sprintf("The chain from %s stops at %s, which has no authorization to you.", t.Owner, end)
	res.Findings.Add(finding.Error, AuthChainBroken, a.authEx(last),
		fmt.Sprintf("Add %s's authorization to %s (and %s must allow %s to sublicense). If %s is your company under another name, add that name to seller.aliases.%s",
			end, cmp.Or(a.m.Seller.LegalName, a.m.Seller.Store), a.m.Authorizations[last].ID, end, end, also),
		"The authorization chain for %s breaks after %s: it ends at %s, not at you (%s), and no authorization from %s is listed.",
		a.tmName(t), a.authName(last), end, seller, end)
	res.Findings[len(res.Findings)-1].Where = a.m.Where(fmt.Sprintf("authorizations[%d].grantee", last))
}

// rejectPartial adds the dead ends and cycles of s to res.Rejected.
func (a *analysis) rejectPartial(res *TrademarkResult, s *search) {
	for _, p := range s.dead {
		last := p[len(p)-1]
		res.Rejected = append(res.Rejected, Candidate{Chain: a.auths(p),
			Reason: fmt.Sprintf("dead end: the last link (%s) ends at %s, not at the seller", a.authName(last), party(a.m.Authorizations[last].Grantee))})
	}
	for _, p := range s.cycles {
		last := p[len(p)-1]
		res.Rejected = append(res.Rejected, Candidate{Chain: a.auths(p),
			Reason: fmt.Sprintf("cycle: %s leads back to %s, already in the chain", a.authName(last), a.m.Authorizations[last].Grantee)})
	}
}

// search is the result of following links from one party.
type search struct {
	complete, dead, cycles [][]int // paths of authorization indexes
}

// search follows links from start (a normalised name) depth first, in
// manifest order, never visiting a party twice on one path and stopping at
// the seller. use, when not nil, selects the links that may be followed.
func (a *analysis) search(start string, use func(k int) bool) *search {
	s := &search{}
	onPath := map[string]bool{start: true}
	var walk func(node string, path []int)
	walk = func(node string, path []int) {
		var links []int
		for _, k := range a.out[node] {
			if use == nil || use(k) {
				links = append(links, k)
			}
		}
		if len(links) == 0 {
			if len(path) > 0 && len(s.dead) < maxPaths {
				s.dead = append(s.dead, path)
			}
			return
		}
		for _, k := range links {
			if a.steps++; a.steps > maxSteps {
				return
			}
			next := a.grantee[k]
			p := append(slices.Clip(path), k)
			switch {
			case a.sellers[next]:
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

// cand is a complete chain with its link findings.
type cand struct {
	path  []int
	links []finding.List // per link
	errs  int
	root  bool // orphans: the first grantor receives no link for the mark
}

// evaluate checks every link of every path.
func (a *analysis) evaluate(t *manifest.Trademark, paths [][]int) []*cand {
	cands := make([]*cand, len(paths))
	for i, p := range paths {
		c := &cand{path: p}
		for j, k := range p {
			next := -1
			if j+1 < len(p) {
				next = p[j+1]
			}
			l := a.checkLink(t, k, next)
			c.errs += l.Count(finding.Error)
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
			cmp.Compare(len(flatten(x.links)), len(flatten(y.links))),
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
	names := func(k int) bool { return slices.Contains(a.m.Authorizations[k].Trademarks, t.ID) }
	received := map[string]bool{}
	for k := range a.m.Authorizations {
		if names(k) {
			received[a.grantee[k]] = true
		}
	}
	var cands []*cand
	done := map[string]bool{owner: true, "": true}
	for k := range a.m.Authorizations {
		g := a.grantor[k]
		if done[g] || a.sellers[g] || !names(k) {
			continue
		}
		done[g] = true
		for _, c := range a.evaluate(t, a.search(g, names).complete) {
			c.root = !received[g]
			cands = append(cands, c)
		}
	}
	rank(cands)
	return cands
}

// checkMark checks the trademark itself.
func (a *analysis) checkMark(i int) finding.List {
	t := &a.m.Trademarks[i]
	var l finding.List
	ex := a.tmEx(t.ID)
	field := func(name string) string {
		return a.m.Where(fmt.Sprintf("trademarks[%d].%s", i, name))
	}
	add := func(sev finding.Severity, code, where, hint, format string, args ...any) {
		l.Add(sev, code, ex, hint, format, args...)
		l[len(l)-1].Where = where
	}
	if len(t.Files) == 0 {
		add(finding.Error, TMNoCertificate, field("files"),
			"Scan the registration certificate (or print the trademark office's register entry) and list it under files:.",
			"%s has no certificate file: the reviewer needs to see the registration to accept the mark.", a.tmName(t))
	}
	if t.Status == "pending" {
		add(finding.Warning, TMPending, field("status"),
			"If the mark has been registered since, attach the registration certificate and set status: registered with its registered: and expires: dates.",
			"%s is only an application (™, status: pending), not a registered mark (®); the platform may reject an appeal that relies on it.", a.tmName(t))
	} else if !t.Registered.IsZero() && !a.win.From.IsZero() && t.Registered.After(a.win.From) {
		add(finding.Error, TMNotYetRegistered, field("registered"),
			fmt.Sprintf("The mark gives no rights before %s: rely on other evidence for what happened earlier, or on an older registration if one exists. If the date was copied wrong, fix registered:.", t.Registered),
			"%s was registered on %s, but %s: on that date it was not yet a registered mark.", a.tmName(t), t.Registered, a.win.from())
	}
	if !t.Expires.IsZero() && !a.win.To.IsZero() && t.Expires.Before(a.win.To) {
		add(finding.Error, TMExpired, field("expires"),
			"If the registration was renewed, attach the renewal certificate and update expires:; otherwise this mark cannot support the appeal.",
			"%s expired on %s, before %s.", a.tmName(t), t.Expires, a.win.to())
	}
	return l
}

// checkLink checks authorization k as a link of a chain for t; next is the
// authorization that follows it in the chain, or -1 for the last link.
func (a *analysis) checkLink(t *manifest.Trademark, k, next int) finding.List {
	auth := &a.m.Authorizations[k]
	var l finding.List
	ex := a.authEx(k)
	name := fmt.Sprintf("%s from %s to %s", a.authName(k), party(auth.Grantor), party(auth.Grantee))
	field := func(f string) string {
		return a.m.Where(fmt.Sprintf("authorizations[%d].%s", k, f))
	}
	add := func(code, where, hint, format string, args ...any) {
		l.Add(finding.Error, code, ex, hint, format, args...)
		l[len(l)-1].Where = where
	}
	if !slices.Contains(auth.Trademarks, t.ID) {
		names := "names no trademark"
		if len(auth.Trademarks) > 0 {
			names = "names only " + strings.Join(auth.Trademarks, ", ")
		}
		reg := ""
		if t.Number != "" {
			reg = " (registration no. " + t.Number + ")"
		}
		add(AuthTrademarkNotCovered, field("trademarks"),
			fmt.Sprintf("Ask %s for a letter that names the %s mark%s; if the letter already does, add %s to its trademarks: in case.yaml.", auth.Grantor, t.Mark, reg, t.ID),
			"%s does not cover %s: it %s.", name, a.tmName(t), names)
	}
	if !auth.From.IsZero() && !a.win.From.IsZero() && auth.From.After(a.win.From) {
		add(AuthNotYetValid, field("from"),
			fmt.Sprintf("Ask %s for a letter valid from %s or earlier (or add the earlier letter as another authorization); if the start date was copied wrong, fix from:.", auth.Grantor, a.win.From),
			"%s only starts on %s, but %s: it must already be valid then.", name, auth.From, a.win.from())
	}
	if !auth.To.IsZero() && !a.win.To.IsZero() && auth.To.Before(a.win.To) {
		add(AuthExpired, field("to"),
			fmt.Sprintf("Ask %s for a renewed letter covering %s; if the end date was copied wrong, fix to:.", auth.Grantor, a.win.To),
			"%s ended on %s, before %s.", name, auth.To, a.win.to())
	}
	if !coversPlatform(auth.Platforms, a.m.Case.Platform) {
		label := a.mk.platform.label
		add(AuthPlatformNotCovered, field("platforms"),
			fmt.Sprintf("Ask %s for a letter that names %s (or all platforms), then add it to platforms:.", auth.Grantor, label),
			"%s is limited to %s; it does not cover %s, where the complaint was made.", name, strings.Join(auth.Platforms, ", "), label)
	}
	if gap := a.mk.territoryGap(auth.Territories); gap != "" {
		msg := fmt.Sprintf("%s is limited to %s; it does not cover %s.", name, strings.Join(auth.Territories, ", "), gap)
		if gap == "worldwide" {
			msg = fmt.Sprintf("%s is limited to %s, but %s sells worldwide: the authorization must cover worldwide (全球).", name, strings.Join(auth.Territories, ", "), a.mk.platform.label)
		}
		hint := fmt.Sprintf("Ask %s for a letter whose territory covers %s (or worldwide), then update territories:.", auth.Grantor, strings.SplitN(gap, ",", 2)[0])
		if gap == "worldwide" {
			hint = fmt.Sprintf("Ask %s for a letter whose territory is worldwide (全球), then update territories:.", auth.Grantor)
		}
		add(AuthTerritoryNotCovered, field("territories"), hint, "%s", msg)
	}
	if next >= 0 && !auth.Sublicense {
		add(AuthNoSublicense, field("sublicense"),
			fmt.Sprintf("Ask %s for a letter that allows %s to sublicense (转授权), or get an authorization directly from %s; if the letter already allows it, set sublicense: true.", auth.Grantor, auth.Grantee, auth.Grantor),
			"%s does not allow %s to authorize others (sublicense: true is missing), yet the chain goes on with %s from %s to %s.",
			name, auth.Grantee, a.authName(next), a.m.Authorizations[next].Grantor, a.m.Authorizations[next].Grantee)
	}
	if len(auth.Files) == 0 {
		add(AuthNoDocument, field("files"),
			"Scan the signed and stamped letter and list it under files:.",
			"%s has no scanned letter (files: is empty): the reviewer cannot check it.", name)
	}
	return l
}

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

// authName is "authorization AUTH2 (exhibit A-2)", or "authorization AUTH2".
func (a *analysis) authName(k int) string {
	id, ex := a.m.Authorizations[k].ID, a.authEx(k)
	if ex != id {
		return fmt.Sprintf("authorization %s (exhibit %s)", id, ex)
	}
	return "authorization " + id
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
		return s.LegalName + ", store " + s.Store
	case s.LegalName != "":
		return s.LegalName
	}
	return s.Store
}

// pathText is "AUTH1 → AUTH2".
func (a *analysis) pathText(p []int) string {
	ids := make([]string, len(p))
	for i, k := range p {
		ids[i] = a.m.Authorizations[k].ID
	}
	return strings.Join(ids, " → ")
}

func (a *analysis) auths(p []int) []*manifest.Authorization {
	out := make([]*manifest.Authorization, len(p))
	for i, k := range p {
		out[i] = &a.m.Authorizations[k]
	}
	return out
}

// problems is "2 problems: AUTH_EXPIRED, AUTH_NO_SUBLICENSE (A-1)".
func (a *analysis) problems(c *cand) string {
	all := flatten(c.links)
	parts := make([]string, len(all))
	for i, f := range all {
		parts[i] = f.Code + " (" + f.Exhibit + ")"
	}
	return english.Count(len(all), "problem") + ": " + strings.Join(parts, ", ")
}

func flatten(ls []finding.List) finding.List {
	var out finding.List
	for _, l := range ls {
		out = append(out, l...)
	}
	return out
}
