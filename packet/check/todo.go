package check

import (
	"cmp"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"appealpacket/internal/i18n"
	"appealpacket/internal/strictyaml"
	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
)

// Placeholder is the value `appealpacket init` writes into every text field
// of case.yaml it cannot fill in from the files. It is compared without
// regard to case or surrounding spaces.
const Placeholder = "TODO"

// IsPlaceholder reports whether a manifest value is still the placeholder.
func IsPlaceholder(s string) bool { return strings.EqualFold(strings.TrimSpace(s), Placeholder) }

// placeholders gathers what is still to fill in case.yaml into one
// MANIFEST_INCOMPLETE finding (an error) at the first such field: every
// text or date field whose value is still TODO, and the other checks'
// MANIFEST_INCOMPLETE findings (a field the platform needs left empty). The
// findings of other checks located at a TODO field (or at the list holding
// it), or that quote a TODO value, which only repeat that the value is not
// usable yet ("platforms [TODO] do not cover AliExpress", "the chain ends
// … not at the seller (TODO)"), are dropped from fs. One finding, not
// one per field: a first check after init must show the real problems,
// not a wall of reminders. It returns the new list.
func placeholders(l i18n.Lang, m *manifest.Manifest, fs finding.List) finding.List {
	var todo []string
	walkText(reflect.ValueOf(m).Elem(), "", func(field, value string) {
		if IsPlaceholder(value) {
			todo = append(todo, field)
		}
	})
	at := map[string]bool{} // "case.yaml:L:C" of each TODO field and list holding one
	for _, f := range todo {
		for _, g := range []string{f, listOf(f)} {
			if _, ok := m.Position(g); ok && g != "" {
				at[m.Where(g)] = true
			}
		}
	}
	out := fs[:0:0]
	var empty finding.List // other checks' MANIFEST_INCOMPLETE, not at a TODO field
	for _, f := range fs {
		switch {
		case f.Where != "" && at[f.Where]:
			continue
		case len(todo) > 0 && f.Code != ManifestIncomplete && (quotesPlaceholder.MatchString(f.Message) || quotesPlaceholder.MatchString(f.Hint)):
			// Located elsewhere, but built on a TODO value: a chain that
			// "ends … not at the seller (TODO)" while seller.legal_name is
			// still to fill in.
			continue
		case f.Code == ManifestIncomplete:
			empty = append(empty, f)
			continue
		}
		out = append(out, f)
	}
	if len(todo) == 0 && len(empty) <= 1 {
		return fs // nothing to gather
	}
	return append(out, incomplete(l, m, todo, empty))
}

// quotesPlaceholder matches a text that quotes a TODO value as a word of
// its own ("not at the seller (TODO, store TODO)").
var quotesPlaceholder = regexp.MustCompile(`(?i)(?:^|[^\pL\pN_./-])` + Placeholder + `(?:$|[^\pL\pN_./-]|\.(?:$|[^\pL\pN]))`)

// listOf returns the list field holding an item ("a[0].platforms[1]" →
// "a[0].platforms"), or "" when field is not a list item.
func listOf(field string) string {
	if !strings.HasSuffix(field, "]") {
		return ""
	}
	return field[:strings.LastIndexByte(field, '[')]
}

// walkText calls fn for every string in v (a manifest or part of one) with
// its field path, as manifest.Manifest.Position names fields.
func walkText(v reflect.Value, field string, fn func(field, value string)) {
	if d, ok := v.Interface().(manifest.Date); ok {
		if d.IsPlaceholder() {
			fn(field, Placeholder)
		}
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			walkText(v.Elem(), field, fn)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			name := strictyaml.Name(t.Field(i))
			if name == "" {
				continue
			}
			if field != "" {
				name = field + "." + name
			}
			walkText(v.Field(i), name, fn)
		}
	case reflect.Slice:
		for i := range v.Len() {
			walkText(v.Index(i), fmt.Sprintf("%s[%d]", field, i), fn)
		}
	case reflect.String:
		fn(field, v.String())
	}
}

var indexes = regexp.MustCompile(`\[\d+\]`)

// genericField is the key of a field path in fieldHelp: its indexes
// dropped ("listings[1].url" → "listings[].url", "authorizations[0].platforms[1]"
// → "authorizations[].platforms").
func genericField(field string) string {
	return strings.TrimSuffix(indexes.ReplaceAllString(field, "[]"), "[]")
}

// fieldHelp says what case.yaml fields hold, for the messages about a
// field still TODO or empty where the platform requires it; fill, for the
// fields a platform profile may require, says how to fill it in. Both are
// in English and Chinese (see fieldHelpCatalog).
var fieldHelp = map[string]struct{ what, fill i18n.Message }{
	"case.id":          {what: i18n.Message{En: "the platform's complaint number", Zh: "平台的投诉编号"}},
	"case.complainant": {what: i18n.Message{En: "who made the complaint, as the complaint names them", Zh: "投诉方，按投诉书上的写法"}},
	"case.complaint_date": {what: i18n.Message{En: "the date of the complaint or notification", Zh: "投诉或通知的日期"},
		fill: i18n.Message{En: "Copy the date of the complaint (or of the platform's notification) into case.complaint_date, as YYYY-MM-DD.", Zh: "请把投诉（或平台通知）的日期按 YYYY-MM-DD 格式抄到 case.complaint_date。"}},
	"seller.legal_name": {what: i18n.Message{En: "your registered company or personal name", Zh: "您注册的公司名称或个人姓名"}},
	"seller.store": {what: i18n.Message{En: "your store's name exactly as the platform shows it", Zh: "与平台显示完全一致的店铺名称"},
		fill: i18n.Message{En: "Write your store's name exactly as the platform shows it in seller.store.", Zh: "请在 seller.store 中按平台显示的原样写上您的店铺名称。"}},
	"seller.store_id": {what: i18n.Message{En: "your store (shop) ID from the seller center", Zh: "卖家中心里的店铺 ID"},
		fill: i18n.Message{En: "Copy your store (shop) ID from the seller center into seller.store_id.", Zh: "请把卖家中心里的店铺 ID 抄到 seller.store_id。"}},
	"listings": {what: i18n.Message{En: "the listings named in the complaint", Zh: "投诉中列出的商品"},
		fill: i18n.Message{En: "List each listing named in the complaint under listings:, with its id, title and published date.", Zh: "请在 listings: 下列出投诉中提到的每个商品，写明其 id、标题和上架日期。"}},
	"listings[].id": {what: i18n.Message{En: "the listing's ID (item number, ASIN) from the complaint", Zh: "投诉中的商品 ID（商品编号、ASIN）"},
		fill: i18n.Message{En: "Copy the listing's ID from the complaint or the seller center into the listing's `id:`.", Zh: "请把投诉或卖家中心里的商品 ID 抄到该商品的 `id:`。"}},
	"listings[].title": {what: i18n.Message{En: "the listing's title", Zh: "商品标题"}},
	"listings[].url":   {what: i18n.Message{En: "the listing's link", Zh: "商品链接"}, fill: i18n.Message{En: "Copy the listing's link into its `url:` field.", Zh: "请把商品链接抄到它的 `url:` 字段。"}},
	"listings[].published": {what: i18n.Message{En: "the date the listing went live", Zh: "商品上架日期"},
		fill: i18n.Message{En: "Write the date the listing went live into its `published:` field, as YYYY-MM-DD.", Zh: "请把商品上架日期按 YYYY-MM-DD 格式写进它的 `published:` 字段。"}},
	"trademarks[].mark":            {what: i18n.Message{En: "the mark as registered", Zh: "注册的商标"}},
	"trademarks[].number":          {what: i18n.Message{En: "the registration number on the certificate", Zh: "证书上的注册号"}},
	"trademarks[].office":          {what: i18n.Message{En: "the trademark office (CNIPA, USPTO, EUIPO ...)", Zh: "商标局（CNIPA、USPTO、EUIPO ……）"}},
	"trademarks[].owner":           {what: i18n.Message{En: "the registrant, exactly as on the certificate", Zh: "注册人，与证书上完全一致"}},
	"authorizations[].grantor":     {what: i18n.Message{En: "who gives the authorization, exactly as on the letter", Zh: "授权方，与授权书上完全一致"}},
	"authorizations[].grantee":     {what: i18n.Message{En: "who receives it, exactly as on the letter", Zh: "被授权方，与授权书上完全一致"}},
	"authorizations[].platforms":   {what: i18n.Message{En: "the platforms the letter names (e.g. aliexpress, or all)", Zh: "授权书写明的平台（例如 aliexpress，或 all）"}},
	"authorizations[].territories": {what: i18n.Message{En: "the territory the letter names (e.g. worldwide)", Zh: "授权书写明的地域（例如 worldwide）"}},
	"authorizations[].goods":       {what: i18n.Message{En: "the goods the letter names", Zh: "授权书写明的商品"}},
	"documents[].title":            {what: i18n.Message{En: "a short description of the document", Zh: "文件的简短说明"}},
	"documents[].buyer":            {what: i18n.Message{En: "the buyer named on the invoice, exactly as written", Zh: "发票上写的买方，与原文完全一致"}},
}

// fieldHelpCatalog is fieldHelp as a catalogue, for the completeness test.
func fieldHelpCatalog() i18n.Catalog {
	c := i18n.Catalog{}
	for k, h := range fieldHelp {
		c["what:"+k] = h.what
		if h.fill != (i18n.Message{}) {
			c["fill:"+k] = h.fill
		}
	}
	return c
}

// textIn is m's text in language l ("" for an empty message).
func textIn(l i18n.Lang, m i18n.Message) string {
	if l == i18n.Chinese && m.Zh != "" {
		return m.Zh
	}
	return m.En
}

// incomplete is the one MANIFEST_INCOMPLETE finding of a case: every field
// still TODO, with its line and what to write, and every required field
// left empty (the findings given), in file order.
func incomplete(l i18n.Lang, m *manifest.Manifest, todo []string, empty finding.List) finding.Finding {
	type item struct {
		pos   manifest.Pos
		where string
		text  string
	}
	var items []item
	for _, f := range todo {
		p, _ := m.Position(f)
		text := messages.Text(l, "todo.item", f, p.Line, Placeholder)
		if what := textIn(l, fieldHelp[genericField(f)].what); what != "" {
			text = messages.Text(l, "todo.item.what", f, p.Line, Placeholder, what)
		}
		items = append(items, item{p, m.Where(f), text})
	}
	for _, f := range empty {
		p := posOf(f.Where)
		text := f.Message
		if at := fmt.Sprintf("line %d", p.Line); p.Line > 0 && !strings.Contains(text, at) && !strings.Contains(text, fmt.Sprintf("第 %d 行", p.Line)) {
			text = messages.Text(l, "todo.line", text, p.Line)
		}
		if f.Hint != "" {
			text = messages.Text(l, "todo.with_hint", text, f.Hint)
		}
		items = append(items, item{p, f.Where, text})
	}
	slices.SortStableFunc(items, func(a, b item) int {
		return cmp.Or(cmp.Compare(a.pos.Line, b.pos.Line), cmp.Compare(a.pos.Col, b.pos.Col))
	})
	texts := make([]string, len(items))
	for i, it := range items {
		texts[i] = it.text
	}
	msg := messages.Count(l, "todo.list", len(items), len(items), strings.Join(texts, "\n- "))
	hint := messages.Text(l, "todo.hint", Placeholder, Placeholder)
	if len(todo) == 0 {
		hint = messages.Text(l, "todo.hint.fill")
	}
	return finding.Finding{Code: ManifestIncomplete, Severity: finding.Error, Where: items[0].where, Message: msg, Hint: hint}
}

// posOf reads the line and column of a "case.yaml:LINE:COL" location.
func posOf(where string) manifest.Pos {
	var p manifest.Pos
	if i := strings.LastIndex(where, ":"); i > 0 {
		if j := strings.LastIndex(where[:i], ":"); j >= 0 {
			fmt.Sscanf(where[j+1:], "%d:%d", &p.Line, &p.Col)
		}
	}
	return p
}
