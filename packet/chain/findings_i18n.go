package chain

import (
	"strings"
	"time"

	"appealpacket/internal/english"
	"appealpacket/internal/i18n"
	"appealpacket/packet/manifest"
)

// linkMessages are the findings about the links of a chain (link.go) in
// English and Simplified Chinese: the language is case.language. The
// names, dates and case.yaml positions they quote are arguments, worded by
// the helpers below in the same language.
var linkMessages = i18n.Catalog{
	"nodoc":        {En: "%s has no scanned letter: the reviewer cannot check it.", Zh: "%s 没有授权书扫描件：审核人员无法核对。"},
	"nodoc.hint":   {En: "Scan the signed and stamped letter of %s and list the file under its `files:` (%s).", Zh: "请扫描 %s 签字盖章的授权书，并把文件列在它的 `files:` 下（%s）。"},
	"gap":          {En: "%s ends on %s and %s starts on %s: no letter from %s to %s covers %s, yet the seller must be authorized from %s to %s.", Zh: "%s 于 %s 到期，%s 于 %s 才开始：没有 %s 给 %s 的授权书涵盖 %s，而卖家从 %s 到 %s 都必须有授权。"},
	"gap.hint":     {En: "If a letter from %s to %s covers %s, add it as another authorization with the same grantor and grantee; otherwise ask %s for a letter that covers those dates. Correct the `to:` date of %s (%s) or the `from:` date of %s (%s) only if it was copied wrong from the letter.", Zh: "如果有一份 %s 给 %s 的授权书涵盖 %s，请把它作为另一条授权加入（授权方和被授权方相同）；否则请向 %s 索取涵盖这些日期的授权书。只有当 %s 的 `to:` 日期（%s）或 %s 的 `from:` 日期（%s）抄错时，才改正它们。"},
	"notyet":       {En: "%s only starts on %s, but %s: it must already be valid then.", Zh: "%s 从 %s 才开始生效，但在%s时它就必须已经有效。"},
	"notyet.many":  {En: "The earliest letter from %s to %s, %s, starts on %s, but %s: no letter of this link covers %s.", Zh: "%s 给 %s 最早的授权书 %s 从 %s 才开始，但在%s时就须有授权：这一环没有授权书涵盖 %s。"},
	"notyet.hint":  {En: "If an earlier letter from %s to %s covers %s, add it as another authorization with the same grantor and grantee; otherwise ask %s for a letter valid from %s. Correct the `from:` date of %s (%s) only if it was copied wrong from the letter.", Zh: "如果有一份更早的 %s 给 %s 的授权书涵盖 %s，请把它作为另一条授权加入（授权方和被授权方相同）；否则请向 %s 索取自 %s 起有效的授权书。只有当 %s 的 `from:` 日期（%s）抄错时，才改正它。"},
	"expired":      {En: "%s ended on %s, before %s.", Zh: "%s 已于 %s 到期，早于%s。"},
	"expired.many": {En: "The last letter from %s to %s, %s, ended on %s, before %s: no letter of this link covers %s.", Zh: "%s 给 %s 的最后一份授权书 %s 已于 %s 到期，早于%s：这一环没有授权书涵盖 %s。"},
	"expired.hint": {En: "If %s renewed the authorization, add the renewal as another authorization with the same grantor and grantee; otherwise ask %s for a renewed letter covering %s. Correct the `to:` date of %s (%s) only if it was copied wrong from the letter.", Zh: "如果 %s 续签了授权，请把续签的授权书作为另一条授权加入（授权方和被授权方相同）；否则请向 %s 索取涵盖 %s 的续签授权书。只有当 %s 的 `to:` 日期（%s）抄错时，才改正它。"},

	"tm.none.one":     {En: "%s does not cover %s: it names no trademark.", Zh: "%s 未涵盖%s：它没有列出任何商标。"},
	"tm.none.many":    {En: "%s do not cover %s: they name no trademark.", Zh: "%s 未涵盖%s：它们没有列出任何商标。"},
	"tm.only.one":     {En: "%s does not cover %s: it names only %s.", Zh: "%s 未涵盖%s：它只列出了 %s。"},
	"tm.only.many":    {En: "%s do not cover %s: they name only %s.", Zh: "%s 未涵盖%s：它们只列出了 %s。"},
	"tm.hint":         {En: "Ask %s for a letter that names the %s mark. If the letter of %s already names it, add %s to its `trademarks:` (%s).", Zh: "请向 %s 索取列明 %s 商标的授权书。如果 %s 的授权书已列明，请把 %s 加进它的 `trademarks:`（%s）。"},
	"tm.hint.reg":     {En: "Ask %s for a letter that names the %s mark (registration no. %s). If the letter of %s already names it, add %s to its `trademarks:` (%s).", Zh: "请向 %s 索取列明 %s 商标（注册号 %s）的授权书。如果 %s 的授权书已列明，请把 %s 加进它的 `trademarks:`（%s）。"},
	"platform.one":    {En: "%s is limited to %s; it does not cover %s, where the complaint was made.", Zh: "%s 仅限于 %s；不涵盖投诉所在的 %s。"},
	"platform.many":   {En: "%s are limited to %s; they do not cover %s, where the complaint was made.", Zh: "%s 仅限于 %s；不涵盖投诉所在的 %s。"},
	"platform.hint":   {En: "Ask %s for a letter that names %s (or all platforms). If the letter of %s already names it, add it to its `platforms:` (%s).", Zh: "请向 %s 索取列明 %s（或所有平台）的授权书。如果 %s 的授权书已列明，请把它加进 `platforms:`（%s）。"},
	"territory.one":   {En: "%s is limited to %s; it does not cover %s.", Zh: "%s 的地域仅限于 %s；不涵盖 %s。"},
	"territory.many":  {En: "%s are limited to %s; they do not cover %s.", Zh: "%s 的地域仅限于 %s；不涵盖 %s。"},
	"territory.hint":  {En: "Ask %s for a letter whose territory covers %s (or worldwide). If the letter of %s already covers it, add it to its `territories:` (%s).", Zh: "请向 %s 索取地域涵盖 %s（或全球）的授权书。如果 %s 的授权书已涵盖，请把它加进 `territories:`（%s）。"},
	"worldwide.one":   {En: "%s is limited to %s, but %s sells worldwide: the authorization must cover worldwide (全球).", Zh: "%s 的地域仅限于 %s，而 %s 面向全球销售：授权必须涵盖全球。"},
	"worldwide.many":  {En: "%s are limited to %s, but %s sells worldwide: the authorization must cover worldwide (全球).", Zh: "%s 的地域仅限于 %s，而 %s 面向全球销售：授权必须涵盖全球。"},
	"worldwide.hint":  {En: "Ask %s for a letter whose territory is worldwide (全球). If the letter of %s already says so, add worldwide to its `territories:` (%s).", Zh: "请向 %s 索取地域为全球的授权书。如果 %s 的授权书已这样写，请把 worldwide 加进它的 `territories:`（%s）。"},
	"sublicense.one":  {En: "%s does not allow %s to authorize others (no right to sublicense), yet the chain goes on with %s from %s to %s.", Zh: "%s 不允许 %s 再授权他人（无转授权权利），而授权链却继续经由 %s（%s → %s）。"},
	"sublicense.many": {En: "%s do not allow %s to authorize others (no right to sublicense), yet the chain goes on with %s from %s to %s.", Zh: "%s 不允许 %s 再授权他人（无转授权权利），而授权链却继续经由 %s（%s → %s）。"},
	"sublicense.hint": {En: "Ask %s for a letter that allows %s to sublicense (转授权), or get an authorization directly from %s. If the letter of %s already allows it, set its `sublicense:` to true (%s).", Zh: "请向 %s 索取允许 %s 转授权的授权书，或直接取得 %s 的授权。如果 %s 的授权书已允许，请把它的 `sublicense:` 设为 true（%s）。"},

	// The findings about a trademark itself (chain.go's checkMark).
	"mark.nocert":       {En: "%s has no certificate file: the reviewer needs to see the registration to accept the mark.", Zh: "%s 没有证书文件：审核人员需要看到注册证明才会认可该商标。"},
	"mark.nocert.hint":  {En: "Scan the registration certificate of %s (or print the trademark office's register entry) and list the file under its `files:` (%s).", Zh: "请扫描 %s 的注册证书（或打印商标局的注册信息），并把文件列在它的 `files:` 下（%s）。"},
	"mark.pending":      {En: "%s is only an application (™, pending), not a registered mark (®); the platform may reject an appeal that relies on it.", Zh: "%s 只是商标申请（™，审查中），不是注册商标（®）；依赖它的申诉可能被平台驳回。"},
	"mark.pending.hint": {En: "If the mark has been registered since, add the registration certificate to %s and set its `status:` to registered (%s), with the `registered:` and `expires:` dates printed on the certificate.", Zh: "如果该商标此后已获注册，请把注册证书加到 %s，把它的 `status:` 设为 registered（%s），并填写证书上印的 `registered:` 和 `expires:` 日期。"},
	"mark.notyet":       {En: "%s was registered on %s, but %s: on that date it was not yet a registered mark.", Zh: "%s 于 %s 注册，但在%s时它还不是注册商标。"},
	"mark.notyet.hint":  {En: "The mark gives no rights before %s: rely on other evidence for what happened earlier, or on an older registration if one exists. Correct the `registered:` date of %s (%s) only if it was copied wrong from the certificate.", Zh: "该商标在 %s 之前不产生权利：更早发生的事请依靠其他证据，或依靠更早的注册（如有）。只有当 %s 的 `registered:` 日期（%s）是从证书上抄错时，才改正它。"},
	"mark.expired":      {En: "%s expired on %s, before %s.", Zh: "%s 已于 %s 到期，早于%s。"},
	"mark.expired.hint": {En: "If the registration was renewed, add the renewal certificate to the `files:` of %s and enter the expiry date printed on it in `expires:` (%s); otherwise this mark cannot support the appeal.", Zh: "如果注册已续展，请把续展证明加到 %s 的 `files:`，并在 `expires:` 填写其上印的到期日期（%s）；否则该商标无法支持申诉。"},

	// The findings about the owner and the chain as a whole (chain.go).
	"owner.none":             {En: "%s has no owner, so nobody can be shown to have authorized the seller to use it.", Zh: "%s 没有注册人，因此无法证明有人授权卖家使用它。"},
	"owner.none.hint":        {En: "Copy the owner's name from the registration certificate of %s into its `owner:` field (%s).", Zh: "请把 %s 注册证书上的注册人名称抄到它的 `owner:` 字段（%s）。"},
	"owner.orphan":           {En: "The authorization chain for %s starts at %s (%s), but the trademark's owner is %s: the first grantor must be the owner.", Zh: "%s 的授权链起点是 %s（%s），但商标注册人是 %s：第一个授权方必须是注册人。"},
	"owner.orphan.applicant": {En: "The authorization chain for %s starts at %s (%s), but the trademark's applicant is %s: the first grantor must be the applicant.", Zh: "%s 的授权链起点是 %s（%s），但商标申请人是 %s：第一个授权方必须是申请人。"},
	"owner.orphan.hint":      {En: "If the mark was transferred to %s, add the transfer approval and write the new owner in the `owner:` field of %s (%s). If both names are the same company, write them the same way. Otherwise add %s's authorization to %s.", Zh: "如果该商标已转让给 %s，请加入转让核准证明，并在 %s 的 `owner:` 字段写上新的注册人（%s）。如果两个名称是同一家公司，请写成一样。否则请加入 %s 给 %s 的授权。"},
	"broken.none":            {En: "There is no authorization from %s, the owner of %s, so nothing shows that the seller may use the mark.", Zh: "%[2]s 的注册人 %[1]s 没有出具任何授权，因此没有任何材料表明卖家可以使用该商标。"},
	"broken.none.applicant":  {En: "There is no authorization from %s, the applicant for %s, so nothing shows that the seller may use the mark.", Zh: "%[2]s 的申请人 %[1]s 没有出具任何授权，因此没有任何材料表明卖家可以使用该商标。"},
	"broken.none.hint":       {En: "Add %s's authorization (to you, or to the distributor who authorized you) under `authorizations:`, with the grantor written as on the certificate: %q.%s", Zh: "请在 `authorizations:` 下加入 %s 的授权（给您，或给授权您的经销商），授权方按证书上的写法填写：%q。%s"},
	"broken.cycle":           {En: "The authorizations for %s go round in a circle (%s leads back to %s) and never reach the seller (%s).", Zh: "%s 的授权形成循环（%s 又回到 %s），始终未到达卖家（%s）。"},
	"broken.cycle.hint":      {En: "Add the authorization that reaches your company, %s, or correct the `grantee:` of %s (%s) if it was copied wrong from the letter.%s", Zh: "请加入到达贵公司 %s 的授权；如果 %s 的 `grantee:`（%s）是从授权书上抄错的，请改正。%s"},
	"broken.deadend":         {En: "The authorization chain for %s breaks after %s: it ends at %s, not at the seller (%s), and no authorization from %s is listed.", Zh: "%s 的授权链在 %s 之后中断：它止于 %s，而非卖家（%s），且没有列出来自 %s 的授权。"},
	"broken.deadend.hint":    {En: "Add %s's authorization to %s (and %s must allow %s to sublicense). If %s is your company under another name, add that name to `seller.aliases`.%s", Zh: "请加入 %s 给 %s 的授权（并且 %s 必须允许 %s 转授权）。如果 %s 是贵公司的另一个名称，请把它加进 `seller.aliases`。%s"},
	"broken.also":            {En: " %s starts at %s: if that is the same company, write its name the same way in both places.", Zh: "%s 的起点是 %s：如果是同一家公司，请在两处写成相同的名称。"},
	"gap.country":            {En: "%s, where listing %s is sold", Zh: "商品 %[2]s 销售所在的%[1]s"},
	"gap.anyof":              {En: "any of %s's marketplaces (%s)", Zh: "%s 的任一站点（%s）"},
	"seller.store":           {En: "%s, store %s", Zh: "%s（店铺 %s）"},

	// The Chinese wording of names and dates (English: words.go).
	"zh.letter_ref":   {En: "authorization %s", Zh: "授权 %s"},
	"zh.letter_name":  {En: "authorization %s from %s to %s", Zh: "授权 %s（%s → %s）"},
	"zh.link_refs":    {En: "authorizations %s", Zh: "授权 %s"},
	"zh.no_name":      {En: "(no name)%.0s", Zh: "（无名称）%.0s"},
	"zh.tm":           {En: "trademark %q (%s)", Zh: "商标 %q（%s）"},
	"zh.tm.id":        {En: "trademark %s (%s)", Zh: "商标 %s（%s）"},
	"zh.exhibit":      {En: "exhibit %s", Zh: "证据 %s"},
	"zh.days":         {En: "%s to %s", Zh: "%s 至 %s"},
	"zh.complaint":    {En: "the complaint was made on %s", Zh: "投诉（%s）"},
	"zh.listing":      {En: "listing %s was published on %s", Zh: "商品 %s 上架（%s）"},
	"zh.subject.all":  {En: "The letters from %s to %s, authorizations %s,", Zh: "%s 给 %s 的各份授权（%s）"},
	"zh.subject.only": {En: "%s, the only letter from %s to %s in force, %s,", Zh: "%s期间，%s 给 %s 唯一有效的授权 %s"},
	"zh.subject.some": {En: "%s, the letters from %s to %s in force, authorizations %s,", Zh: "%s期间，%s 给 %s 有效的授权 %s"},
	"zh.and":          {En: "%s and %s", Zh: "%s和%s"},
}

// findingLang is the language of the chain's findings: case.language.
func (a *analysis) findingLang() i18n.Lang {
	l, _ := i18n.Parse(a.m.Case.Language)
	return l
}

// zh reports whether the findings are in Chinese.
func (a *analysis) zh() bool { return a.findingLang() == i18n.Chinese }

// lsay formats a link finding's text.
func (a *analysis) lsay(key string, args ...any) string {
	return linkMessages.Text(a.findingLang(), key, args...)
}

// and lists items: english.And, or "A、B和C".
func (a *analysis) and(items []string) string {
	if !a.zh() || len(items) < 2 {
		return english.And(items)
	}
	return a.lsay("zh.and", strings.Join(items[:len(items)-1], "、"), items[len(items)-1])
}

// who is a party's name, or "(no name)" in the findings' language.
func (a *analysis) who(name string) string {
	if strings.TrimSpace(name) == "" {
		return a.lsay("zh.no_name", "")
	}
	return name
}

// refCap is "Authorization A-2" ("授权 A-2").
func (a *analysis) refCap(k int) string {
	if a.zh() {
		return a.lsay("zh.letter_ref", a.letterID(k))
	}
	return capital(a.letterRef(k))
}

// ref is "authorization A-2" ("授权 A-2").
func (a *analysis) ref(k int) string {
	if a.zh() {
		return a.lsay("zh.letter_ref", a.letterID(k))
	}
	return a.letterRef(k)
}

// nameCap is "Authorization A-2 from X to Y" ("授权 A-2（X → Y）").
func (a *analysis) nameCap(k int) string {
	if a.zh() {
		au := &a.m.Authorizations[k]
		return a.lsay("zh.letter_name", a.letterID(k), a.who(au.Grantor), a.who(au.Grantee))
	}
	return capital(a.letterName(k))
}

// links is linkRef in the findings' language.
func (a *analysis) links(g int) string {
	if !a.zh() {
		return a.linkRef(g)
	}
	ls := a.groups[g].letters
	ids := make([]string, len(ls))
	for i, k := range ls {
		ids[i] = a.letterID(k)
	}
	return a.lsay("zh.link_refs", a.and(ids))
}

// mark is tmName in the findings' language.
func (a *analysis) mark(t *manifest.Trademark) string {
	if !a.zh() {
		return a.tmName(t)
	}
	ex := a.tmEx(t.ID)
	ref := ex
	if ex != t.ID {
		ref = a.lsay("zh.exhibit", ex)
	}
	if t.Mark == "" {
		return a.lsay("zh.tm.id", t.ID, ref)
	}
	return a.lsay("zh.tm", t.Mark, ref)
}

// span is days() in the findings' language.
func (a *analysis) span(from, to time.Time) string {
	if !a.zh() || from.Equal(to) {
		return days(from, to)
	}
	return a.lsay("zh.days", from.Format(time.DateOnly), to.Format(time.DateOnly))
}

// event is the window's start (or end) as the findings say it: "the
// complaint was made on 2024-03-20", "投诉（2024-03-20）".
func (a *analysis) event(start bool) string {
	what, d := a.win.ToEvent, a.win.To
	if start {
		what, d = a.win.FromEvent, a.win.From
	}
	if !a.zh() {
		return what + " on " + d.String()
	}
	if id, ok := strings.CutPrefix(what, "listing "); ok {
		return a.lsay("zh.listing", strings.TrimSuffix(id, " was published"), d.String())
	}
	return a.lsay("zh.complaint", d.String())
}

// subj is subject() in the findings' language.
func (a *analysis) subj(g int, r run) (string, bool, int) {
	s, plural, k := a.subject(g, r)
	if !a.zh() {
		return s, plural, k
	}
	if len(a.groups[g].letters) == 1 || (r.from.IsZero() && len(r.letters) == 1) {
		return a.nameCap(k), false, k
	}
	f := a.first(g)
	refs := make([]string, len(r.letters))
	for i, l := range r.letters {
		refs[i] = a.letterID(l)
	}
	if r.from.IsZero() {
		return a.lsay("zh.subject.all", a.who(f.Grantor), a.who(f.Grantee), a.and(refs)), true, k
	}
	when := a.span(r.from, r.to)
	if len(r.letters) == 1 {
		return a.lsay("zh.subject.only", when, a.who(f.Grantor), a.who(f.Grantee), refs[0]), false, k
	}
	return a.lsay("zh.subject.some", when, a.who(f.Grantor), a.who(f.Grantee), a.and(refs)), true, k
}

// number picks the key of the singular or plural English wording.
func number(plural bool, key string) string {
	if plural {
		return key + ".many"
	}
	return key + ".one"
}

// gapSaid words what a letter's territories miss (market.territoryGap):
// in full for the message ("Germany (DE), where listing L1 is sold") and
// short for the hint ("Germany (DE)").
func (a *analysis) gapSaid(gap string) (full, short string) {
	l := a.findingLang()
	if cc, ok := strings.CutPrefix(gap, "country:"); ok {
		label := countryLabel(l, cc)
		return a.lsay("gap.country", label, a.mk.listing[cc]), label
	}
	if gap == "anyof" {
		s := a.lsay("gap.anyof", a.mk.platform.label, a.list(a.mk.anyOf))
		return s, s
	}
	return gap, gap
}

// list joins names: "US, Canada", in Chinese "US、Canada".
func (a *analysis) list(items []string) string {
	if a.zh() {
		return strings.Join(items, "、")
	}
	return strings.Join(items, ", ")
}
