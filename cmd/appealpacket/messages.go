package main

import (
	"strings"

	"github.com/urfave/cli/v2"

	"appealpacket/internal/i18n"
)

// messages is everything the command line prints itself, in English and
// Simplified Chinese. Findings bring their own words (package check);
// errors from the library are printed as they come.
var messages = i18n.Catalog{
	"err.no_command":  {En: "appealpacket: no command %q; see `appealpacket --help`", Zh: "appealpacket：没有 %q 这个命令；请看 `appealpacket --help`"},
	"err.interrupted": {En: "appealpacket: interrupted; no output was left half written (outputs appear only when complete)", Zh: "appealpacket：已中断；没有留下写了一半的输出（输出只在完整写好后才出现）"},
	"err.usage":       {En: "%s: %v; see `appealpacket help %s`", Zh: "%s：%v；请看 `appealpacket help %s`"},
	"err.prefix":      {En: "appealpacket: %s", Zh: "appealpacket：%s"},
	"err.usage.app":   {En: "%s; see `appealpacket --help`", Zh: "%s；请看 `appealpacket --help`"},
	"err.one_case":    {EnOne: "%s needs one case folder (got %d argument); see `appealpacket help %s`", En: "%s needs one case folder (got %d arguments); see `appealpacket help %s`", Zh: "%s 需要一个案件文件夹（收到 %d 个参数）；请看 `appealpacket help %s`"},
	"err.lang":        {En: "--lang %q: want en or zh", Zh: "--lang %q：请用 en 或 zh"},
	"err.format":      {En: "--format %q: want text, json or html", Zh: "--format %q：请用 text、json 或 html"},
	"err.today":       {En: "--today %q: want a date YYYY-MM-DD", Zh: "--today %q：请给出 YYYY-MM-DD 格式的日期"},
	"err.date":        {En: "--date %q: want YYYY-MM-DD", Zh: "--date %q：请用 YYYY-MM-DD 格式"},
	"err.max_size":    {En: "--max-size %q: want a size such as 10MB or 500KB", Zh: "--max-size %q：请给出大小，例如 10MB 或 500KB"},
	"err.init_args":   {EnOne: "init needs one folder (got %d argument); see `appealpacket help init`", En: "init needs one folder (got %d arguments); see `appealpacket help init`", Zh: "init 需要一个文件夹（收到 %d 个参数）；请看 `appealpacket help init`"},

	"err.flag_undefined": {En: "flag provided but not defined: %s", Zh: "没有这个选项：%s"},
	"err.flag_argument":  {En: "flag needs an argument: %s", Zh: "选项缺少参数：%s"},
	"err.flag_value":     {En: "invalid value %s for flag %s: %s", Zh: "选项 %[2]s 的值 %[1]s 无效：%[3]s"},

	// inspect and profile.
	"inspect.args":        {En: "inspect needs at least one file or folder; see `appealpacket help inspect`", Zh: "inspect 至少需要一个文件或文件夹；请看 `appealpacket help inspect`"},
	"inspect.none":        {En: "no file could be read", Zh: "没有任何文件可以读取"},
	"inspect.warning":     {En: "  warning: %s", Zh: "  警告：%s"},
	"profile.show.args":   {En: "profile show needs one profile, a built-in name (%s) or a file", Zh: "profile show 需要一个平台规则：内置名称（%s）或文件"},
	"profile.export.args": {En: "profile export needs one built-in profile: %s", Zh: "profile export 需要一个内置平台规则：%s"},
	"profile.header":      {En: "RULE\tVALUE\tCONFIDENCE\tSOURCE", Zh: "规则 RULE\t值 VALUE\t可信度 CONFIDENCE\t出处 SOURCE"},
	"profile.no_source":   {En: "none given: an assumption", Zh: "未注明：属于假设"},
	"profile.unknown":     {En: "no built-in platform profile %q (there are: %s)", Zh: "没有名为 %q 的内置平台规则（现有：%s）"},

	// check's report.
	"report.errors":     {En: "ERRORS (%d):", Zh: "错误（%d）："},
	"report.warnings":   {En: "WARNINGS (%d):", Zh: "警告（%d）："},
	"report.notes":      {En: "NOTES (%d):", Zh: "提示（%d）："},
	"report.at":         {En: "      at %s", Zh: "      位置：%s"},
	"report.todo":       {En: "      what to do: %s", Zh: "      处理办法：%s"},
	"verdict.ready":     {En: "%s: READY: no blocking issues (%s, %s, %s)", Zh: "%s：可以提交（READY）：没有阻断性问题（%s，%s，%s）"},
	"verdict.not_ready": {En: "%s: NOT READY (%s, %s, %s)", Zh: "%s：尚不能提交（NOT READY）（%s，%s，%s）"},
	// check --per-brand: each brand's packet, then the case.
	"report.brand":   {En: "BRAND %s (packet %s):", Zh: "品牌 %s（材料包 %s）："},
	"verdict.brands": {En: "%s: %s", Zh: "%s：%s"},
	"count.errors":   {EnOne: "%d error", En: "%d errors", Zh: "%d 个错误"},
	"count.warnings": {EnOne: "%d warning", En: "%d warnings", Zh: "%d 个警告"},
	"count.notes":    {EnOne: "%d note", En: "%d notes", Zh: "%d 条提示"},
	"wrote":          {En: "wrote %s", Zh: "已写入 %s"},

	// build's result.
	"build.file":         {En: "%s: %s", Zh: "%s：%s"},
	"build.packet":       {En: "%s: %d pages, %d exhibits, %s", Zh: "%s：%d 页，%d 份证据，%s"},
	"build.part":         {En: "%s: part %d of %d, %s", Zh: "%s：第 %d 部分（共 %d 部分），%s"},
	"build.not_attached": {EnOne: "%d original not attached, over the size limit: %s", En: "%d originals not attached, over the size limit: %s", Zh: "%d 个原件超过大小上限，未附入：%s"},
	"build.channel":      {EnOne: "channel %s: %d page picture (%s-p01.%s, %s) and %s; largest file %s (limit %s); pages drawn at %d dpi or more, %v a page (PDFium started in %v)", En: "channel %s: %d page pictures (%s-p01.%s to %s) and %s; largest file %s (limit %s); pages drawn at %d dpi or more, %v a page (PDFium started in %v)", Zh: "上传渠道 %s：%d 张页面图片（%s-p01.%s 至 %s）及%s；最大文件 %s（上限 %s）；页面至少以 %d dpi 绘制，每页 %v（PDFium 启动用时 %v）"},
	"build.channel_left": {EnOne: "%d original left out (type, size or the channel's file count): %s", En: "%d originals left out (type, size or the channel's file count): %s", Zh: "%d 个原件未附入（类型、大小或渠道的文件数所限）：%s"},
	"count.originals":    {EnOne: "%d original", En: "%d originals", Zh: "%d 个原件"},
	"build.brand":        {En: "brand %s:", Zh: "品牌 %s："},
	"build.findings":     {En: "%s, %s, %s; run `appealpacket check %s` for details", Zh: "%s，%s，%s；详情请运行 `appealpacket check %s`"},

	// letter's result.
	"letter.form_text": {En: "%s: %d characters, to paste into the appeal form's text box", Zh: "%s：%d 个字符，可粘贴到申诉表单的文本框"},
	"letter.warning":   {En: "appealpacket: warning: %s", Zh: "appealpacket：警告：%s"},

	// init's summary.
	"init.wrote.todo":     {En: "wrote %s (case.id is TODO: copy the complaint number into it, or give it with --id)", Zh: "已写入 %s（case.id 为 TODO：请填入投诉编号，或用 --id 指定）"},
	"init.wrote":          {En: "wrote %s (case %s)", Zh: "已写入 %s（案件 %s）"},
	"init.photos.one_cam": {EnOne: "  photos:          %d camera original from %d camera", En: "  photos:          %d camera originals from %d camera", Zh: "  photos:          %d 张相机原图，来自 %d 台相机"},
	"init.photos.cams":    {EnOne: "  photos:          %d camera original from %d cameras", En: "  photos:          %d camera originals from %d cameras", Zh: "  photos:          %d 张相机原图，来自 %d 台相机"},
	"init.listing.copies": {EnOne: "  listing images:  %d picture that is not a camera original (%d of them copies that kept a camera's EXIF), %d matched to an original", En: "  listing images:  %d pictures that are not camera originals (%d of them copies that kept a camera's EXIF), %d matched to an original", Zh: "  listing images:  %d 张非相机原图的图片（其中 %d 张是保留了相机 EXIF 的副本），%d 张已与原图匹配"},
	"init.listing":        {EnOne: "  listing images:  %d picture without camera EXIF, %d matched to an original", En: "  listing images:  %d pictures without camera EXIF, %d matched to an original", Zh: "  listing images:  %d 张没有相机 EXIF 的图片，%d 张已与原图匹配"},
	"init.trademarks":     {En: "  trademarks:      %d", Zh: "  trademarks:      %d"},
	"init.authorizations": {En: "  authorizations:  %d", Zh: "  authorizations:  %d"},
	"init.documents":      {En: "  documents:       %d", Zh: "  documents:       %d"},
	"init.read":           {EnOne: "  read from papers: %d value, marked \"%s\": %s", En: "  read from papers: %d values, marked \"%s\": %s", Zh: "  从文件中读取：%d 个值，标为“%s”：%s"},
	"init.read.note":      {En: "read from the document: check it", Zh: "从文件中读取：请核对"},
	"init.unlisted":       {EnOne: "  not listed:      %d file that is not a picture or PDF (named at the end of case.yaml)", En: "  not listed:      %d files that are not pictures or PDFs (named at the end of case.yaml)", Zh: "  未列入：        %d 个不是图片或 PDF 的文件（列在 case.yaml 末尾）"},
	"init.skipped.more":   {En: "  skipped:         %d more", Zh: "  已跳过：        另有 %d 个"},
	"init.skipped":        {En: "  skipped:         %s", Zh: "  已跳过：        %s"},
	"init.backup":         {En: "  the previous case.yaml is kept as %s", Zh: "  原来的 case.yaml 保存为 %s"},
	"init.fill":           {EnOne: "Fill in the %d TODO value in %s (and uncomment the \"# TODO:\" lines that apply), then run:", En: "Fill in the %d TODO values in %s (and uncomment the \"# TODO:\" lines that apply), then run:", Zh: "请填写 %[2]s 中的 %[1]d 个 TODO 值（并去掉适用的“# TODO:”行的注释符号），然后运行："},
	"init.unchanged":      {En: "%s already lists every picture and PDF of the folder: nothing changed", Zh: "%s 已列出文件夹中的所有图片和 PDF：没有改动"},
	"init.updated":        {En: "updated %s: added what it did not list; everything you wrote in it is kept", Zh: "已更新 %s：加入了它尚未列出的文件；您写的内容全部保留"},
	"init.added":          {En: "  added %-16s %d", Zh: "  已加入 %-16s %d"},
	"init.gone":           {En: "  gone from the folder: %s (case.yaml line %d, %s): put the file back, or remove it from case.yaml", Zh: "  文件夹中已没有：%s（case.yaml 第 %d 行，%s）：请把文件放回，或从 case.yaml 中删除"},
	"init.unlisted.new":   {EnOne: "  not listed:      %d new file that is not a picture or PDF", En: "  not listed:      %d new files that are not pictures or PDFs", Zh: "  未列入：        %d 个新的非图片、非 PDF 文件"},
	"init.fill.new":       {EnOne: "Fill in the %d new TODO value in %s, then run:", En: "Fill in the %d new TODO values in %s, then run:", Zh: "请填写 %[2]s 中新增的 %[1]d 个 TODO 值，然后运行："},
	"init.next":           {En: "Next:", Zh: "下一步："},

	// verify's lines and verdict. The status words (ok, CHANGED, MISSING,
	// extra) stay as they are: scripts read them.
	"verify.args":         {En: "verify needs a packet file and, optionally, the case folder; see `appealpacket help verify`", Zh: "verify 需要一个材料包文件，以及（可选的）案件文件夹；请看 `appealpacket help verify`"},
	"verify.max_size":     {En: "--max-size %q: want a size such as 512MB or 1GB", Zh: "--max-size %q：请给出大小，例如 512MB 或 1GB"},
	"verify.case":         {En: "case %s: %s", Zh: "案件 %s：%s"},
	"verify.files_differ": {En: "the packet and the files differ", Zh: "材料包与文件不一致"},
	"verify.sigs_failed":  {En: "the signature check failed (see the signature lines)", Zh: "签名核验未通过（见 signature 各行）"},
	"verify.both":         {En: "%s; %s", Zh: "%s；%s"},
	"verify.part":         {En: "part %d of %d", Zh: "第 %d 部分，共 %d 部分"},
	"verify.built_as":     {En: ", built as %s", Zh: "，生成时名为 %s"},
	"verify.unchanged":    {En: "unchanged since it was sealed", Zh: "自封存以来未被改动"},
	"verify.extra_info":   {En: " (information; a difference with --strict)", Zh: "（仅供参考；加 --strict 时算作差异）"},
	"verify.what.one":     {En: "the packet is", Zh: "材料包"},
	"verify.what.parts":   {En: "each of the %d parts of the packet is", Zh: "材料包的 %d 个部分均"},
	"verify.sealed":       {En: "%s unchanged since it was sealed — by anyone who had the file: the seal is not a signature", Zh: "%s自封存以来未被改动——封存可由任何持有该文件的人完成：封存不是签名"},
	"verify.signed":       {En: "%s signed, and unchanged since it was signed (who signed, when, and whether the signer is trusted: see the signature lines)", Zh: "%s已签名，且自签名以来未被改动（谁签的名、何时签的、签名者是否可信：见 signature 各行）"},
	"verify.folder":       {En: "; the case folder holds every file it lists, unchanged", Zh: "；案件文件夹存有材料包列出的每个文件，均未被改动"},
	"verify.folder_extra": {En: "; the case folder holds every file it lists, unchanged, and %d it does not list", Zh: "；案件文件夹存有材料包列出的每个文件，均未被改动，另有 %d 个未列出的文件"},
	"sign.password":       {En: "password of %s: ", Zh: "%s 的密码："},
	"sign.needs_key":      {En: "--tsa and --sign-cert need --sign KEY", Zh: "--tsa 和 --sign-cert 需要配合 --sign KEY 使用"},
	"sign.none":           {En: "no valid signature", Zh: "没有有效签名"},
	"sign.required":       {En: "NOT SIGNED (--require-signature)", Zh: "未签名（--require-signature）"},

	// batch's summary.
	"batch.summary":          {En: "%s; summary in %s and %s", Zh: "%s；汇总见 %s 和 %s"},
	"batch.cases":            {EnOne: "%d case: %s", En: "%d cases: %s", Zh: "%d 个案件：%s"},
	"batch.built":            {En: "%d built", Zh: "%d 个已生成"},
	"batch.forced":           {En: "%d built NOT READY (--force)", Zh: "%d 个在未就绪时强制生成（--force）"},
	"batch.not_ready":        {En: "%d not ready", Zh: "%d 个未就绪"},
	"batch.failed":           {En: "%d failed", Zh: "%d 个失败"},
	"batch.skipped":          {En: "%d skipped", Zh: "%d 个已跳过"},
	"batch.sep":              {En: ", ", Zh: "，"},
	"batch.interrupted":      {En: "interrupted", Zh: "已中断"},
	"batch.line.not_started": {En: "interrupted before it started", Zh: "批处理在此案件开始前被中断"},
	"batch.no_cases":         {En: "no cases to build", Zh: "没有要生成的案件"},
	"batch.needs_cases":      {En: "batch needs case folders or --list FILE; see `appealpacket help batch`", Zh: "batch 需要案件文件夹或 --list FILE；请看 `appealpacket help batch`"},
	"batch.line.built":       {En: "built      ", Zh: "已生成    "},
	"batch.line.forced":      {En: "FORCED     ", Zh: "强制生成  "},
	"batch.line.not_ready":   {En: "NOT READY  ", Zh: "未就绪    "},
	"batch.line.failed":      {En: "FAILED     ", Zh: "失败      "},
	"batch.line.skipped":     {En: "skipped    ", Zh: "已跳过    "},
	"batch.line.pages":       {EnOne: "  %.1f s  %d page", En: "  %.1f s  %d pages", Zh: "  %.1f 秒  %d 页"},
	"batch.line.cover":       {EnOne: ", cover NOT READY: %d blocking issue: %s", En: ", cover NOT READY: %d blocking issues: %s", Zh: "，封面标为未就绪：%d 个阻断性问题：%s"},
	"batch.line.blocking":    {EnOne: "  %.1f s  %d blocking issue: %s", En: "  %.1f s  %d blocking issues: %s", Zh: "  %.1f 秒  %d 个阻断性问题：%s"},
	"batch.line.deadline":    {En: "  appeal by %s", Zh: "  申诉期限 %s"},
	"batch.bar.not_built":    {En: " %d not built", Zh: " %d 个未生成"},
	"batch.same_id":          {En: "appealpacket: warning: %d case folders have the case.id %s (%s): the platform would get two packets for one complaint; keep one folder, or correct the id", Zh: "appealpacket：警告：%d 个案件文件夹的 case.id 都是 %s（%s）：平台会就同一投诉收到两份材料包；请只保留一个文件夹，或改正 id"},
}

// langKey is where the app keeps the language of the command line.
const langKey = "lang"

// cliLang is the language of what the command line prints: --lang, else
// the environment's (see main), as resolved by the app's Before.
func cliLang(c *cli.Context) i18n.Lang {
	if l, ok := c.App.Metadata[langKey].(i18n.Lang); ok {
		return l
	}
	return i18n.English
}

// tr formats a message in the command line's language.
func tr(c *cli.Context, key string, args ...any) string {
	return messages.Text(cliLang(c), key, args...)
}

// trn formats a message whose English wording depends on n.
func trn(c *cli.Context, key string, n int, args ...any) string {
	return messages.Count(cliLang(c), key, n, args...)
}

// sayT prints a message in the command line's language unless --quiet.
func sayT(c *cli.Context, key string, args ...any) {
	say(c, "%s", tr(c, key, args...))
}

// sayN prints a count-dependent message unless --quiet.
func sayN(c *cli.Context, key string, n int, args ...any) {
	say(c, "%s", trn(c, key, n, args...))
}

// counts is "1 error, 2 warnings, 0 notes" in l.
func counts(l i18n.Lang, errs, warns, notes int) []any {
	return []any{messages.Count(l, "count.errors", errs, errs), messages.Count(l, "count.warnings", warns, warns), messages.Count(l, "count.notes", notes, notes)}
}

// resolveLang reads --lang (when given) over the environment's language
// and keeps it for cliLang.
func resolveLang(c *cli.Context, env i18n.Lang) error {
	l := env
	if s := c.String("lang"); s != "" {
		var err error
		if l, err = i18n.Parse(s); err != nil {
			return cli.Exit(messages.Text(env, "err.lang", s), exitError)
		}
	}
	if c.App.Metadata == nil {
		c.App.Metadata = map[string]any{}
	}
	c.App.Metadata[langKey] = l
	return nil
}

// joinCounts joins the parts of a tally in l.
func joinCounts(l i18n.Lang, parts []string) string {
	return strings.Join(parts, messages.Text(l, "batch.sep"))
}
