package chain

import (
	"fmt"
	"strings"

	"appealpacket/internal/english"
	"appealpacket/internal/i18n"
	"appealpacket/packet/manifest"
)

// messages are the summaries and the reasons a chain was not used that
// the packet shows on its chain pages, in the case's language. Findings
// are in English.
var messages = i18n.Catalog{
	"event.listing":                {En: "listing %s was published", Zh: "商品 %s 上架"},
	"event.complaint":              {En: "the complaint was made", Zh: "投诉提出"},
	"summary.noowner":              {En: "The trademark has no owner in case.yaml, so its chain cannot be checked.", Zh: "case.yaml 中未填写该商标的注册人，无法核查其授权链。"},
	"summary.sellerowns":           {En: "The seller owns the mark (the owner, %s, is one of the seller's names): no authorization is needed.", Zh: "卖家即商标权利人（注册人 %s 是卖家的名称之一），无需授权。"},
	"summary.sellerowns.applicant": {En: "The seller applied for the mark (the applicant, %s, is one of the seller's names): no authorization is needed.", Zh: "卖家即商标申请人（申请人 %s 是卖家的名称之一），无需授权。"},
	"summary.valid.nodates":        {En: "The chain %s is valid (the case gives no dates to check).", Zh: "授权链 %s 有效（本案未提供可核查的日期）。"},
	"summary.also":                 {En: " The chain of %s starts at %s, which may be the same company written another way.", Zh: "%s 的授权链起点是 %s，可能是同一家公司的另一种写法。"},
	"summary.markproblem":          {En: " But the mark itself has a blocking problem: %s.", Zh: "但商标本身存在阻断问题：%s。"},
	"summary.valid":                {En: "The chain %s gives the right on every date that matters, from %s to %s.", Zh: "授权链 %s 在所需的整个期间（%s 至 %s）内均有效。"},
	"summary.only": {EnOne: "The only chain from %s to the seller, %s, has %d problem.",
		En: "The only chain from %s to the seller, %s, has %d problems.", Zh: "从 %s 到卖家的唯一授权链 %s 存在 %d 个问题。"},
	"summary.fewest":           {En: "No chain from %s to the seller is fully valid; %s has the fewest problems (%d).", Zh: "从 %s 到卖家没有完全有效的授权链；%s 的问题最少（%d 个）。"},
	"summary.orphan":           {En: "The chain %s reaches the seller but starts at %s, not at the owner %s.", Zh: "授权链 %s 到达卖家，但起点是 %s，而非商标注册人 %s。"},
	"summary.orphan.applicant": {En: "The chain %s reaches the seller but starts at %s, not at the applicant %s.", Zh: "授权链 %s 到达卖家，但起点是 %s，而非商标申请人 %s。"},
	"summary.none":             {En: "There is no authorization from the owner %s: nothing connects the mark to the seller.", Zh: "没有来自注册人 %s 的授权：商标与卖家之间没有任何关联。"},
	"summary.none.applicant":   {En: "There is no authorization from the applicant %s: nothing connects the mark to the seller.", Zh: "没有来自申请人 %s 的授权：商标与卖家之间没有任何关联。"},
	"summary.cycle":            {En: "The authorizations from %s go round in a circle and never reach the seller.", Zh: "来自 %s 的授权形成循环，始终未到达卖家。"},
	"reason.problems.fewer":    {En: "has %s; the chain used has fewer problems or is shorter", Zh: "存在%s；所采用的授权链问题更少或更短"},
	"reason.problems":          {En: "has %s", Zh: "存在%s"},
	"reason.longer":            {En: "valid too, but longer than the chain used (%d links, not %d)", Zh: "同样有效，但比所采用的授权链长（%d 个环节，而非 %d 个）"},
	"reason.later":             {En: "valid too, but the chain used comes first in case.yaml", Zh: "同样有效，但所采用的授权链在 case.yaml 中排在前面"},
	"reason.orphan":            {En: "starts at %s, not at the trademark's owner %s", Zh: "起点是 %s，而非商标注册人 %s"},
	"reason.orphan.applicant":  {En: "starts at %s, not at the trademark's applicant %s", Zh: "起点是 %s，而非商标申请人 %s"},
	"reason.orphan.used":       {En: "%s; the chain used has fewer problems or comes first", Zh: "%s；所采用的授权链问题更少或排在前面"},
	"reason.orphan.problems":   {En: "%s; and has %s", Zh: "%s；且存在%s"},
	"reason.deadend":           {En: "dead end: the last link (%s) ends at %s, not at the seller", Zh: "死路：最后一个环节（%s）止于 %s，而非卖家"},
	"reason.cycle":             {En: "cycle: %s leads back to %s, already in the chain", Zh: "循环：%s 回到授权链中已有的 %s"},
	"problems":                 {EnOne: "%d problem: %s", En: "%d problems: %s", Zh: "%d 个问题：%s"},
	"ref.one":                  {En: "authorization %s", Zh: "授权书 %s"},
	"ref.many":                 {En: "authorizations %s", Zh: "授权书 %s"},
	"summary.deadend":          {En: "The chain from %s stops at %s, which has no authorization to the seller.", Zh: "来自 %s 的授权链止于 %s，其未向卖家授权。"},
}

// say formats a message in the case's language.
func (a *analysis) say(key string, args ...any) string { return messages.Text(a.lang, key, args...) }

// date writes a day for a summary: 2024-03-20, in Chinese 2024年3月20日.
func (a *analysis) date(d manifest.Date) string {
	if a.lang != i18n.Chinese || d.IsZero() {
		return d.String()
	}
	t := d.Time()
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// problemsSaid is problems in the case's language.
func (a *analysis) problemsSaid(c *cand) string {
	all := c.all()
	parts := make([]string, len(all))
	for i, f := range all {
		parts[i] = f.Code + " (" + f.Exhibit + ")"
	}
	return messages.Count(a.lang, "problems", len(all), len(all), strings.Join(parts, ", "))
}

// linkRefSaid is linkRef in the case's language.
func (a *analysis) linkRefSaid(g int) string {
	ls := a.groups[g].letters
	if len(ls) == 1 {
		return a.say("ref.one", a.letterID(ls[0]))
	}
	ids := make([]string, len(ls))
	for i, k := range ls {
		ids[i] = a.letterID(k)
	}
	if a.lang == i18n.Chinese {
		return a.say("ref.many", strings.Join(ids, "、"))
	}
	return a.say("ref.many", english.And(ids))
}
