package packet

import (
	"appealpacket/internal/i18n"
	"appealpacket/packet/finding"
)

// messages are the package's own words to a person: the error that a case
// is not ready.
var messages = i18n.Catalog{
	"notready": {EnOne: "not ready: %d blocking issue found; fix it (see `appealpacket check`) or %s with --force",
		En: "not ready: %d blocking issues found; fix them (see `appealpacket check`) or %s with --force",
		Zh: "尚未就绪：发现 %d 个阻断性问题；请先解决（见 `appealpacket check`），或用 --force %s"},
	// What a packet's signatures prove (PartSignatures.LinesIn). The
	// capitals (CHANGED, INVALID, NOT TRUSTED) stay: scripts read them.
	"sig.cannot":            {En: "cannot check: %s", Zh: "无法核验：%s"},
	"sig.changed.signed":    {En: "CHANGED: the bytes before the signatures are not the packet appealpacket sealed", Zh: "CHANGED：签名之前的字节不是 appealpacket 封存的材料包"},
	"sig.changed":           {En: "CHANGED since it was sealed", Zh: "CHANGED：封存后已被改动"},
	"sig.changed.after":     {En: "CHANGED after signing: %s", Zh: "CHANGED：签名后被改动：%s"},
	"sig.sealed":            {En: "unchanged since it was sealed, by anyone (not signed: the seal proves no author)", Zh: "自封存以来未被改动，封存者可以是任何人（未签名：封存不能证明作者）"},
	"sig.unreadable_signer": {En: "an unreadable signer", Zh: "无法读取的签名者"},
	"sig.invalid":           {En: "INVALID %s by %s: %v", Zh: "INVALID：%[2]s 的%[1]s无效：%[3]v"},
	"sig.when.declared":     {En: "%s (the time the signer declares; no timestamp)", Zh: "%s（签名者自称的时间；没有时间戳）"},
	"sig.when.stamped":      {En: "%s (timestamped by %s)", Zh: "%s（时间戳来自 %s）"},
	"sig.doc_timestamp":     {En: "timestamped by %s: unchanged since %s", Zh: "%s 加盖了时间戳：自 %s 以来未被改动"},
	"sig.signed":            {En: "signed by %s, unchanged since %s", Zh: "%s 已签名，自 %s 以来未被改动"},
	"sig.timestamp.invalid": {En: "  INVALID timestamp: %s", Zh: "  INVALID：时间戳无效：%s"},
	"sig.trusted":           {En: "  trusted: %s", Zh: "  可信：%s"},
	"sig.not_trusted":       {En: "  NOT TRUSTED: %s", Zh: "  NOT TRUSTED：不可信：%s"},
	"sig.tsa.not_trusted":   {En: "  timestamp authority NOT TRUSTED: %s", Zh: "  时间戳服务 NOT TRUSTED：不可信：%s"},
	// Why a certificate is trusted or not (sign.Trust).
	"trust.chains":         {En: "chains to %s", Zh: "可追溯到受信任的根证书 %s"},
	"trust.not_checked":    {En: "not checked against trusted certificates (give --trust)", Zh: "未对照受信任的证书检查（请用 --trust 指定）"},
	"trust.no_chain":       {En: "no chain to a trusted certificate: %v", Zh: "无法追溯到受信任的证书：%v"},
	"trust.not_valid_then": {En: "the certificate was not valid at %s (valid %s to %s)", Zh: "证书在 %s 时无效（有效期 %s 至 %s）"},

	// A per-brand check (Report.BrandsVerdictIn) and build (PhotosLeftOutIn).
	"brands.ready":     {En: "READY for build --per-brand: %d of %d brand packets ready", Zh: "可以按品牌生成（READY）：%d / %d 个品牌材料包已就绪"},
	"brands.not_ready": {En: "NOT READY for build --per-brand: %d of %d brand packets ready", Zh: "尚不能按品牌生成（NOT READY）：%d / %d 个品牌材料包已就绪"},
	"brands.left_out": {EnOne: "%d photo is in no brand's packet (no listing picture was made from it, and it names no listing): %s",
		En: "%d photos are in no brand's packet (no listing picture was made from them, and they name no listing): %s",
		Zh: "%d 张照片未放入任何品牌的材料包（没有商品图片由它制作，也未注明所属商品）：%s"},

	"notready.brand": {EnOne: "not ready: the packet of brand %s has %d blocking issue; fix it (see `appealpacket check`) or %s with --force",
		En: "not ready: the packet of brand %s has %d blocking issues; fix them (see `appealpacket check`) or %s with --force",
		Zh: "尚未就绪：品牌 %s 的材料包有 %d 个阻断性问题；请先解决（见 `appealpacket check`），或用 --force %s"},
	"nobrand": {EnOne: "--per-brand: %d listing does not say which trademark it carries: %s. Add `trademarks: [ID]` to it in case.yaml, from %s",
		En: "--per-brand: %d listings do not say which trademark they carry: %s. Add to each `trademarks: [ID]` in case.yaml, from %s",
		Zh: "--per-brand：%d 个商品链接没有写明所用的商标：%s。请在 case.yaml 中为每个链接加上 `trademarks: [ID]`，可选：%s"},
	// verify's notes and details (its statuses ok, changed, missing stay).
	"verify.part_missing": {En: "missing: no file in %s is part %d of %d of this packet (verify looks for every part, whatever its name, in the folder of the file it is given)",
		Zh: "缺失：%s 中没有本材料包第 %d 部分（共 %d 部分）的文件（verify 会在所给文件的文件夹中查找每个部分，不论其文件名）"},
	"verify.part_changed":          {En: "changed since it was sealed", Zh: "封存后已被改动"},
	"verify.attachment_missing":    {En: "no file embedded in %s has the SHA-256 the manifest lists (removed or changed)", Zh: "%s 中没有内嵌文件的 SHA-256 与清单所列相符（已被删除或改动）"},
	"verify.parts_truncated":       {En: "only the first %d entries of %s were looked at for the other parts", Zh: "查找其他部分时只查看了 %[2]s 中的前 %[1]d 项"},
	"verify.parts_stopped":         {En: "stopped looking for the other parts after %d PDF files of %s", Zh: "查看了 %[2]s 中的 %[1]d 个 PDF 文件后停止查找其他部分"},
	"verify.folder_truncated":      {En: "only the first %d entries of %s were looked at for files the packet does not list", Zh: "查找材料包未列出的文件时只查看了 %[2]s 中的前 %[1]d 项"},
	"verify.extra":                 {En: "in the folder but not in the packet", Zh: "在文件夹中，但不在材料包中"},
	"verify.size_changed":          {En: "%d bytes now, %d when the packet was built", Zh: "现在 %d 字节，生成材料包时为 %d 字节"},
	"verify.contents_changed":      {En: "same size, different contents", Zh: "大小相同，内容不同"},
	"verify.not_read":              {En: "not read: %s", Zh: "未能读取：%s"},
	"verify.not_read.not_relative": {En: "not read: it is not a plain relative path", Zh: "未能读取：它不是普通的相对路径"},
	"verify.not_read.link_outside": {En: "not read: it is a link that leads outside the folder", Zh: "未能读取：它是指向文件夹之外的链接"},

	"notready.build":  {En: "build", Zh: "强制生成"},
	"notready.letter": {En: "write the letter", Zh: "强制写出申诉信"},
}

// NotReadyError is returned by Build and Letter when checks found blocking
// errors and Options.Force was not set.
type NotReadyError struct {
	Findings finding.List
	Lang     i18n.Lang // the language of Error: the case's (case.language, or Options.Lang)
	Letter   bool      // returned by Letter: --force writes the letter
	// Brand is, with Options.PerBrand, the brand whose packet is not
	// ready (Findings are its packet's); "" for the case's packet.
	Brand string
}

func (e *NotReadyError) Error() string { return e.In(e.Lang) }

// In is the error's text in language l: "not ready: 2 blocking issues
// found; …".
func (e *NotReadyError) In(l i18n.Lang) string {
	n := e.Findings.Count(finding.Error)
	what := "notready.build"
	if e.Letter {
		what = "notready.letter"
	}
	if e.Brand != "" {
		return messages.Count(l, "notready.brand", n, e.Brand, n, messages.Text(l, what))
	}
	return messages.Count(l, "notready", n, n, messages.Text(l, what))
}
