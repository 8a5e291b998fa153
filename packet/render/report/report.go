// Package report writes the seller's report of a check as one HTML page:
// the findings grouped by severity, each with its exhibit, file, case.yaml
// line, what to do and a thumbnail of the picture it concerns, and the
// listing pictures beside the originals they were made from. It is for the
// seller, never sent to the platform: the packet and its index address the
// reviewer.
package report

import (
	"encoding/base64"
	"html/template"
	"io"

	"appealpacket/internal/i18n"
	"appealpacket/packet/finding"
)

// messages are the page's words: its headings and labels. The findings
// come in their own language (the check's).
var messages = i18n.Catalog{
	"title":           {En: "%s: check report", Zh: "%s：检查报告"},
	"heading":         {En: "%s: what the check found", Zh: "%s：检查结果"},
	"ready":           {En: "READY: no blocking issues", Zh: "可以提交（READY）：没有阻断性问题"},
	"not_ready":       {En: "NOT READY: fix the errors before you build", Zh: "尚不能提交（NOT READY）：请先改正错误再生成材料包"},
	"for_you":         {En: "For you, not for the platform: the packet and its index do not carry these notes.", Zh: "仅供您自己查看，不提交给平台：材料包及其索引不含这些说明。"},
	"errors":          {En: "Errors: the appeal would fail", Zh: "错误：申诉会因此失败"},
	"warnings":        {En: "Warnings: a reviewer may doubt", Zh: "警告：审核人员可能起疑"},
	"notes":           {En: "Notes", Zh: "提示"},
	"exhibit":         {En: "exhibit %s", Zh: "证据 %s"},
	"file":            {En: "file %s", Zh: "文件 %s"},
	"todo":            {En: "What to do:", Zh: "处理办法："},
	"listings":        {En: "Listing pictures and their originals", Zh: "商品图片及其原图"},
	"listing":         {En: "Listing picture", Zh: "商品图片"},
	"original":        {En: "Original", Zh: "原图"},
	"how.matched":     {En: "matched, distance %d", Zh: "比对相符，差异度 %d"},
	"how.declared":    {En: "declared, distance %d", Zh: "case.yaml 声明（比对未确认），差异度 %d"},
	"how.other":       {En: "%s, distance %d", Zh: "%s，差异度 %d"},
	"no_original":     {En: "no original found", Zh: "未找到原图"},
	"brand":           {En: "Brand %s: packet %s", Zh: "品牌 %s：材料包 %s"},
	"brand.ready":     {En: "READY", Zh: "可以提交（READY）"},
	"brand.not_ready": {En: "NOT READY", Zh: "尚不能提交（NOT READY）"},
}

// Data is what the page shows.
type Data struct {
	Lang     i18n.Lang // of the page's headings and labels
	CaseID   string
	Ready    bool
	Findings finding.List
	Listings []Listing
	// Thumbnails are small JPEGs of the pictures, by file path relative to
	// the case folder.
	Thumbnails map[string][]byte
	// Brands, for a check of each brand's packet (check --per-brand), are
	// shown instead of Findings; Ready then says every brand is ready,
	// BrandsVerdict says so in words, and LeftOut names the photos no
	// brand's packet holds ("" for none). The caller words both, as the
	// command line does.
	Brands                 []Brand
	BrandsVerdict, LeftOut string
}

// Brand is the check of one brand's packet.
type Brand struct {
	Name, Files string // the mark; the stem of its packet's file names
	Ready       bool
	Findings    finding.List
}

// Listing is a listing picture and its originals.
type Listing struct {
	Exhibit, File, Listing string
	Originals              []Original
}

// Original is an original photo a listing picture was made from.
type Original struct {
	Exhibit, File, How string
	Distance           int
}

// group is one severity's findings.
type group struct {
	Title    string
	Class    string
	Findings finding.List
}

// brandView is a brand's part of the page.
type brandView struct {
	Brand
	Groups []group
}

var page = template.Must(template.New("report").Funcs(template.FuncMap{
	"thumb": func(d *Data, file string) template.URL {
		b, ok := d.Thumbnails[file]
		if !ok {
			return ""
		}
		return template.URL("data:image/jpeg;base64," + base64.StdEncoding.EncodeToString(b))
	},
	// groupsAt is what the "groups" template draws: the page's view, the
	// groups, and their heading level.
	"groupsAt": func(v view, groups []group, h string) groupsView { return groupsView{V: v, Groups: groups, H: h} },
}).Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{$.T "title" .D.CaseID}}</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.5em} h2{font-size:1.2em;margin-top:2em} h3{font-size:1.05em}
.brand .verdict{font-size:.8em;margin-left:.5em;padding:.2em .6em}
.verdict{font-weight:bold;padding:.5em 1em;border-radius:4px;display:inline-block}
.ready{background:#e3f4e3;color:#185c18} .notready{background:#fbe4e4;color:#8a1616}
.finding{border-left:4px solid #999;padding:.4em .8em;margin:.8em 0;display:flex;gap:1em}
.error{border-color:#c62828} .warning{border-color:#e0a100} .info{border-color:#6b8fb3}
.code{font-family:ui-monospace,monospace;font-weight:bold}
.meta{color:#555;font-size:.9em} .hint{margin-top:.3em}
img{max-width:160px;max-height:160px;border:1px solid #ccc}
table{border-collapse:collapse} td,th{padding:.3em .6em;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
</style></head><body>
<h1>{{$.T "heading" .D.CaseID}}</h1>
<p class="verdict {{if .D.Ready}}ready{{else}}notready{{end}}">{{.Verdict}}</p>
<p class="meta">{{$.T "for_you"}}</p>
{{if .Brands}}{{range .Brands}}
<h2 class="brand">{{$.T "brand" .Name .Files}} <span class="verdict {{if .Ready}}ready{{else}}notready{{end}}">{{if .Ready}}{{$.T "brand.ready"}}{{else}}{{$.T "brand.not_ready"}}{{end}}</span></h2>
{{template "groups" (groupsAt $ .Groups "h3")}}{{end}}
{{with .D.LeftOut}}<p class="meta">{{.}}</p>{{end}}
{{else}}{{template "groups" (groupsAt $ .Groups "h2")}}{{end}}
{{if .D.Listings}}<h2>{{$.T "listings"}}</h2>
<table><tr><th>{{$.T "listing"}}</th><th>{{$.T "original"}}</th><th></th></tr>
{{range .D.Listings}}<tr><td>{{with thumb $.D .File}}<img src="{{.}}" alt=""><br>{{end}}{{.Exhibit}} {{.File}}</td>
<td>{{range .Originals}}{{with thumb $.D .File}}<img src="{{.}}" alt=""><br>{{end}}{{.Exhibit}} {{.File}}<br>{{$.How .How .Distance}}<br>{{else}}{{$.T "no_original"}}{{end}}</td><td></td></tr>{{end}}
</table>{{end}}
</body></html>
{{define "groups"}}{{$v := .V}}{{$h := .H}}{{range .Groups}}{{if .Findings}}
{{if eq $h "h3"}}<h3>{{.Title}} ({{len .Findings}})</h3>{{else}}<h2>{{.Title}} ({{len .Findings}})</h2>{{end}}
{{range .Findings}}<div class="finding {{$v.ClassOf .Severity}}">
{{with thumb $v.D .File}}<img src="{{.}}" alt="">{{end}}
<div><div><span class="code">{{.Code}}</span>{{if .Exhibit}} · {{$v.T "exhibit" .Exhibit}}{{end}}</div>
<div>{{.Message}}</div>
{{if or .File .Where}}<div class="meta">{{if .File}}{{$v.T "file" .File}}{{end}}{{if and .File .Where}} · {{end}}{{if .Where}}{{.Where}}{{end}}</div>{{end}}
<div class="hint"><b>{{$v.T "todo"}}</b> {{.Hint}}</div></div>
</div>{{end}}{{end}}{{end}}{{end}}
`))

// view is the template's data.
type view struct {
	D      *Data
	Groups []group     // the case's findings, by severity
	Brands []brandView // each brand's, with Data.Brands
}

// groupsView is what the "groups" template draws.
type groupsView struct {
	V      view
	Groups []group
	H      string // "h2" or "h3"
}

// Verdict is the page's verdict line.
func (v view) Verdict() string {
	switch {
	case len(v.D.Brands) > 0:
		return v.D.BrandsVerdict
	case v.D.Ready:
		return v.T("ready")
	}
	return v.T("not_ready")
}

// ClassOf is a severity's CSS class.
func (view) ClassOf(s finding.Severity) string { return s.String() }

// Lang is the page's language code (its html lang).
func (v view) Lang() string {
	if v.D.Lang == i18n.Chinese {
		return "zh-Hans"
	}
	return "en"
}

// T is a message in the page's language.
func (v view) T(key string, args ...any) string { return messages.Text(v.D.Lang, key, args...) }

// How says how an original was found ("matched", "declared") and the
// comparison's distance.
func (v view) How(how string, distance int) string {
	switch how {
	case "matched", "declared":
		return v.T("how."+how, distance)
	}
	return v.T("how.other", how, distance)
}

// WriteHTML writes the report page.
func WriteHTML(w io.Writer, d *Data) error {
	v := view{D: d}
	v.Groups = v.bySeverity(d.Findings)
	for _, b := range d.Brands {
		v.Brands = append(v.Brands, brandView{Brand: b, Groups: v.bySeverity(b.Findings)})
	}
	return page.Execute(w, v)
}

// bySeverity groups findings by severity, errors first.
func (v view) bySeverity(fs finding.List) []group {
	var out []group
	for _, g := range []group{{Title: v.T("errors"), Class: "error"}, {Title: v.T("warnings"), Class: "warning"}, {Title: v.T("notes"), Class: "info"}} {
		for _, f := range fs {
			if f.Severity.String() == g.Class {
				g.Findings = append(g.Findings, f)
			}
		}
		out = append(out, g)
	}
	return out
}
