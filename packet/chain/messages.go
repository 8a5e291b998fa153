package chain

import (
	"fmt"

	"appealpacket/internal/i18n"
	"appealpacket/packet/manifest"
)

// messages are the summaries the packet shows on its chain pages, in the
// case's language. Findings and the reasons a chain was not used are in
// English.
var messages = i18n.Catalog{
	"event.listing":         {En: "listing %s was published", Zh: "商品 %s 上架"},
	"event.complaint":       {En: "the complaint was made", Zh: "投诉提出"},
	"summary.noowner":       {En: "The trademark has no owner in case.yaml, so its chain cannot be checked.", Zh: "case.yaml 中未填写该商标的注册人，无法核查其授权链。"},
	"summary.sellerowns":    {En: "The seller owns the mark (the owner, %s, is one of the seller's names): no authorization is needed.", Zh: "卖家即商标权利人（注册人 %s 是卖家的名称之一），无需授权。"},
	"summary.valid.nodates": {En: "The chain %s is valid (the case gives no dates to check).", Zh: "授权链 %s 有效（本案未提供可核查的日期）。"},
	"summary.valid":         {En: "The chain %s is valid from %s to %s.", Zh: "授权链 %s 在 %s 至 %s 期间有效。"},
	"summary.only": {EnOne: "The only chain from %s to the seller, %s, has %d problem.",
		En: "The only chain from %s to the seller, %s, has %d problems.", Zh: "从 %s 到卖家的唯一授权链 %s 存在 %d 个问题。"},
	"summary.fewest":  {En: "No chain from %s to the seller is fully valid; %s has the fewest problems (%d).", Zh: "从 %s 到卖家没有完全有效的授权链；%s 的问题最少（%d 个）。"},
	"summary.orphan":  {En: "The chain %s reaches the seller but starts at %s, not at the owner %s.", Zh: "授权链 %s 到达卖家，但起点是 %s，而非商标注册人 %s。"},
	"summary.none":    {En: "There is no authorization from the owner %s: nothing connects the mark to the seller.", Zh: "没有来自注册人 %s 的授权：商标与卖家之间没有任何关联。"},
	"summary.cycle":   {En: "The authorizations from %s go round in a circle and never reach the seller.", Zh: "来自 %s 的授权形成循环，始终未到达卖家。"},
	"summary.deadend": {En: "The chain from %s stops at %s, which has no authorization to the seller.", Zh: "来自 %s 的授权链止于 %s，其未向卖家授权。"},
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
