package main

import (
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"appealpacket/internal/i18n"
)

// helpMessages are the words of --help: the app's and each command's
// usage, description and flags, in English and Simplified Chinese. The
// help's headings (NAME:, USAGE: …) are urfave/cli's templates in English
// and zhTemplates in Chinese. Arguments' names (CASE_DIR, FILE) and flag
// placeholders stay as they are: they stand for what the user types.
var helpMessages = i18n.Catalog{
	"app.usage":     {En: "build a cross-referenced appeal packet (PDF + XLSX index) from a case folder", Zh: "用案件文件夹生成一份相互引用的申诉材料包（PDF + XLSX 索引）"},
	"app.usagetext": {En: "appealpacket [--quiet|--verbose] COMMAND [flags] ARGS", Zh: "appealpacket [--quiet|--verbose] 命令 [选项] 参数"},
	"app.description": {En: "A case folder holds case.yaml (the manifest) and the evidence it names: camera-original photos,\n" +
		"listing pictures, trademark certificates, authorization letters, invoices. `check` says what could sink\n" +
		"the appeal; `build` writes <case-id>-packet.pdf and <case-id>-index.xlsx.\n\n" +
		"Example:\n   appealpacket check testdata/demo\n   appealpacket build testdata/demo -o out/",
		Zh: "案件文件夹里有 case.yaml（清单）和它列出的证据：相机原图、商品图片、商标注册证、授权书、发票。\n" +
			"`check` 指出可能导致申诉失败的问题；`build` 生成 <case-id>-packet.pdf 和 <case-id>-index.xlsx。\n\n" +
			"示例：\n   appealpacket check testdata/demo\n   appealpacket build testdata/demo -o out/"},
	"flag.quiet":   {En: "print only errors", Zh: "只显示错误"},
	"flag.verbose": {En: "print diagnostics (timings, each file read) on stderr", Zh: "在 stderr 上显示诊断信息（耗时、读取的每个文件）"},
	"flag.lang": {En: "`LANG` of what appealpacket prints (en or zh; default: $APPEALPACKET_LANG, then $LC_ALL, $LC_MESSAGES, $LANG), and of the packet and letters that build and letter write (default: case.language)",
		Zh: "appealpacket 输出所用的语言 `LANG`（en 或 zh；默认依次取 $APPEALPACKET_LANG、$LC_ALL、$LC_MESSAGES、$LANG），也是 build 和 letter 生成的材料包和信函的语言（默认：case.language）"},
	"flag.help":    {En: "show help", Zh: "显示帮助"},
	"help.default": {En: " (default: %s)", Zh: "（默认：%s）"},
	"command.help": {En: "Shows a list of commands or help for one command", Zh: "列出所有命令，或显示某个命令的帮助"},

	// Flags several commands share.
	"flag.jobs":         {En: "files read in parallel", Zh: "并行读取的文件数 `N`"},
	"flag.pdf-password": {En: "`PASSWORD` to open PDF evidence protected by a user password", Zh: "打开设有用户密码的 PDF 证据所用的密码 `PASSWORD`"},
	"flag.font":         {En: "TrueType `FILE` (.ttf) to draw characters the built-in fonts lack", Zh: "TrueType 字体文件 `FILE`（.ttf），用于绘制内置字体缺少的字符"},
	"flag.profile": {En: "platform profile `FILE` (YAML) to check against instead of the built-in one case.platform selects; a built-in name (%s) works too",
		Zh: "用平台规则文件 `FILE`（YAML）检查，而不用 case.platform 选定的内置规则；也可以写内置名称（%s）"},
	"flag.cache-dir":  {En: "keep per-file work (hashes, EXIF, display copies) in `DIR` (default: the user's cache folder, e.g. ~/.cache/appealpacket)", Zh: "把每个文件的处理结果（哈希、EXIF、显示用副本）保存在 `DIR`（默认：用户的缓存文件夹，例如 ~/.cache/appealpacket）"},
	"flag.no-cache":   {En: "read and decode every file anew; store nothing", Zh: "每个文件都重新读取和解码；不保存任何内容"},
	"flag.max-pixels": {En: "refuse to decode a picture whose header claims more than `N` pixels (a decompression bomb)", Zh: "图片头声明的像素超过 `N` 时拒绝解码（防解压炸弹）"},
	"flag.holidays":   {En: "public holidays that are not business days when the appeal deadline is counted: a `FILE` of lines YYYY-MM-DD name (default: weekends only)", Zh: "计算申诉期限时不算工作日的公众假期：文件 `FILE`，每行为 YYYY-MM-DD 名称（默认：只排除周末）"},
	"flag.memory": {En: "memory the files read and decoded at once may take (`SIZE`, by estimate); a picture whose decoding needs more is not shown (PICTURE_NOT_SHOWN). At the default a build stays under 500 MB (see the README's Memory section)",
		Zh: "同时读取和解码的文件可占用的内存（`SIZE`，按估算）；解码需要更多内存的图片不显示（PICTURE_NOT_SHOWN）。按默认值，一次生成的内存不超过 500 MB（见 README 的 Memory 一节）"},
	"flag.ocr": {En: "read scanned certificates, letters and invoices with Tesseract, to check case.yaml against them: `auto` (when installed), off, or the path of the tesseract command; at most 5 pages a paper and 60 s a page",
		Zh: "用 Tesseract 识别扫描的证书、信函和发票，以便与 case.yaml 核对：`auto`（已安装时）、off，或 tesseract 命令的路径；每份文件最多 5 页，每页最多 60 秒"},
	"flag.c2pa-trust": {En: "trust the Content Credentials (C2PA) signers that chain to the PEM certificates of `FILE` (a trust list); without it, valid credentials read \"signer not on a trust list\"",
		Zh: "信任证书链通到文件 `FILE`（信任列表）中 PEM 证书的内容凭证（C2PA）签名者；不给时，有效的凭证显示为“签名者不在信任列表中”"},
	"flag.sign":            {En: "sign the packet with `KEY`: a .p12/.pfx file, or a PEM private key", Zh: "用 `KEY` 给材料包签名：.p12/.pfx 文件或 PEM 私钥"},
	"flag.sign-cert":       {En: "PEM certificate `FILE`(s) of the signer and its issuers (with a PEM key)", Zh: "签名者及其签发者的 PEM 证书文件 `FILE`（可多个；与 PEM 私钥一起用）"},
	"flag.sign-password":   {En: "`PASSWORD` of the .p12/.pfx file", Zh: ".p12/.pfx 文件的密码 `PASSWORD`"},
	"flag.tsa":             {En: "timestamp the signature at the RFC 3161 authority `URL`", Zh: "在 RFC 3161 时间戳服务 `URL` 为签名加盖时间戳"},
	"flag.sign-invisible":  {En: "sign without the visible signature block on the cover", Zh: "签名，但不在封面上显示签名框"},
	"flag.date":            {En: "%s, as `YYYY-MM-DD` (default: $SOURCE_DATE_EPOCH, case.prepared, today)", Zh: "%s，格式 `YYYY-MM-DD`（默认依次取 $SOURCE_DATE_EPOCH、case.prepared、今天）"},
	"flag.date.build":      {En: "preparation date on the cover and in the files", Zh: "封面和文件中的制作日期"},
	"flag.date.batch":      {En: "preparation date on the covers and in the files", Zh: "各封面和文件中的制作日期"},
	"flag.date.letter":     {En: "date of the letter", Zh: "信函日期"},
	"flag.template":        {En: "%s template `FILE` (text/template) instead of the built-in one", Zh: "用%s模板文件 `FILE`（text/template）代替内置模板"},
	"flag.template.build":  {En: "statement", Zh: "申诉陈述"},
	"flag.template.letter": {En: "letter", Zh: "信函"},
	"help.profile": {En: "The platform's rules (attachment types and size limit, picture size, invoice age and buyer,\n" +
		"letter-of-authorization terms, required fields) come from the built-in profile named by case.platform;\n" +
		"--profile FILE checks against your own profile instead (the same YAML schema; see packet/profile).",
		Zh: "平台规则（附件类型和大小上限、图片尺寸、发票时间和买方、授权书条款、必填字段）来自 case.platform\n" +
			"指定的内置规则文件；--profile FILE 则按您自己的规则文件检查（YAML 格式相同；见 packet/profile）。"},

	"init.usage": {En: "write a first case.yaml from the files already in a folder", Zh: "根据文件夹里已有的文件写出第一版 case.yaml"},
	"init.description": {En: "Scans DIR and its sub-folders (read-only) and writes DIR/case.yaml: camera originals (EXIF with a\n" +
		"camera and a capture time) become photos, grouped by camera and day; other pictures (screenshots,\n" +
		"downloads) become the listing's pictures, each with the original it looks like; PDFs are sorted by their\n" +
		"text or name into trademarks, authorizations and documents. Everything the files cannot tell is left as\n" +
		"TODO, which `appealpacket check` reports until you fill it in.\n\n" +
		"Run again on a folder that has a case.yaml, init adds what is new: the pictures and PDFs it does not\n" +
		"list yet go at the end of their lists, with TODOs; every value and comment you wrote stays as it is;\n" +
		"files it names that are gone are reported (not removed). The previous file is kept as case.yaml.bak.\n" +
		"--force starts over instead (the previous file is kept as case.yaml.bak too).\n\n" +
		"Examples:\n   appealpacket init my-case/\n   appealpacket init my-case/            (again, after adding files: adds them)\n" +
		"   appealpacket init --platform amazon --type trademark --id IPP-123 my-case/",
		Zh: "扫描 DIR 及其子文件夹（只读），写出 DIR/case.yaml：相机原图（EXIF 中有相机和拍摄时间）列为照片，\n" +
			"按相机和日期分组；其他图片（截图、下载的图片）列为商品图片，各自配上与之相似的原图；PDF 按其文字或\n" +
			"文件名归入商标、授权和其他文件。文件无法提供的信息都留作 TODO，在您填好之前 `appealpacket check`\n" +
			"会一直提示。\n\n" +
			"对已有 case.yaml 的文件夹再次运行时，init 只加入新内容：尚未列出的图片和 PDF 加在各自列表的末尾，\n" +
			"并带 TODO；您写的每个值和注释都原样保留；已列出但文件已不在的会被报告（不会删除）。原文件保存为\n" +
			"case.yaml.bak。--force 则从头重写（原文件同样保存为 case.yaml.bak）。\n\n" +
			"示例：\n   appealpacket init my-case/\n   appealpacket init my-case/            （加入文件后再次运行：把它们加进去）\n" +
			"   appealpacket init --platform amazon --type trademark --id IPP-123 my-case/"},
	"flag.init.platform": {En: "case.platform: %s", Zh: "case.platform，平台 `NAME`：%s"},
	"flag.init.type":     {En: "case.type: %s", Zh: "case.type，投诉类型 `TYPE`：%s"},
	"flag.init.id": {En: "case.id, the platform's complaint `NUMBER` (default: one found in the folder's or a complaint file's name, or under its label in a paper, e.g. the platform's notice printed to PDF; else TODO)",
		Zh: "case.id，平台的投诉编号 `NUMBER`（默认：从文件夹名、投诉文件名或文件中的编号标签处找到的编号，例如打印成 PDF 的平台通知；找不到则为 TODO）"},
	"flag.init.force": {En: "start over: write a new case.yaml instead of adding to the existing one (kept as case.yaml.bak)", Zh: "从头开始：写一份新的 case.yaml，而不是在原有文件上添加（原文件保存为 case.yaml.bak）"},

	"build.usage": {En: "check a case and write its packet PDF and XLSX index", Zh: "检查案件，并生成材料包 PDF 和 XLSX 索引"},
	"build.description": {En: "Reads CASE_DIR/case.yaml and every file it names (read-only), checks them, and writes\n" +
		"OUT_DIR/<case-id>-packet.pdf and OUT_DIR/<case-id>-index.xlsx. Files are written to a temporary\n" +
		"name and renamed when complete. If a check finds a blocking error, nothing is written unless --force.\n",
		Zh: "读取 CASE_DIR/case.yaml 及其列出的每个文件（只读），检查后生成 OUT_DIR/<case-id>-packet.pdf 和\n" +
			"OUT_DIR/<case-id>-index.xlsx。文件先以临时名称写入，完成后再改名。检查发现阻断性错误时，除非使用\n" +
			"--force，否则不写出任何文件。\n"},
	"build.sign": {En: "--sign KEY signs every part of the packet (PAdES, readable by Adobe Reader, pdfsig, openssl): KEY is a\n" +
		"PKCS #12 file (.p12/.pfx; password from --sign-password, $APPEALPACKET_SIGN_PASSWORD or a prompt) or a PEM\n" +
		"private key (unencrypted) with its certificate chain in the same file or in --sign-cert. --tsa URL adds a\n" +
		"timestamp from that RFC 3161 authority, which proves when the packet existed; without network the build fails\n" +
		"rather than leave it unstamped. With a fixed --date (or $SOURCE_DATE_EPOCH) and an RSA key the signed packet\n" +
		"is the same bytes every time; ECDSA signatures (and timestamps) differ from run to run. Ed25519 keys are\n" +
		"refused: common PDF readers cannot check them yet.",
		Zh: "--sign KEY 为材料包的每个部分签名（PAdES，可用 Adobe Reader、pdfsig、openssl 查验）：KEY 是 PKCS #12\n" +
			"文件（.p12/.pfx；密码取自 --sign-password、$APPEALPACKET_SIGN_PASSWORD 或提示输入），或未加密的 PEM\n" +
			"私钥，其证书链放在同一文件或 --sign-cert 中。--tsa URL 从该 RFC 3161 服务加盖时间戳，证明材料包在\n" +
			"何时已存在；没有网络时生成会失败，而不会留下没有时间戳的材料包。使用固定的 --date（或\n" +
			"$SOURCE_DATE_EPOCH）和 RSA 密钥时，签名后的材料包每次都逐字节相同；ECDSA 签名（以及时间戳）每次\n" +
			"都不同。不接受 Ed25519 密钥：常用的 PDF 阅读器还无法查验它。"},
	"build.description.more": {En: "A packet over the size limit (--max-size, default the platform's) gets smaller photo copies, then is split\n" +
		"into parts (<case-id>-packet-part1-of-3.pdf ...); originals are never changed. Every packet embeds a manifest\n" +
		"of the original files' hashes (see `appealpacket verify`); an output changed since it was written is not\n" +
		"replaced without --overwrite.\n\n" +
		"--channel NAME builds for one upload form of the platform (`appealpacket profile show` lists them): the PDF\n" +
		"within the form's file count and size, or, for a form that takes no PDF, the pages as numbered pictures\n" +
		"(<case-id>-p01.jpg ...) each within its size limit, plus the camera originals where it takes them; no XLSX index.\n\n" +
		"--per-brand writes one packet per brand (the trademarks of one mark) for platforms that take one brand per\n" +
		"submission (Coupang): <case-id>-<brand>-packet.pdf and -index.xlsx, each with that brand's trademarks, the letters\n" +
		"naming them, the listings naming them (every listing needs `trademarks: [ID]` in case.yaml), the photos those\n" +
		"listings' pictures were made from, and the papers naming them or no trademark. Each is checked on its own;\n" +
		"nothing is written unless every one is ready (or --force).\n\n" +
		"Examples:\n   appealpacket build testdata/demo -o out/\n   appealpacket build --profile amazon --channel copyright-images testdata/demo -o out/\n   appealpacket build --force --date 2024-04-01 cases/IPP-123 -o out/\n" +
		"   appealpacket build --max-size 5MB --attach-originals cases/IPP-123 -o out/\n" +
		"   appealpacket build --sign seller.p12 --tsa http://timestamp.example/tsr cases/IPP-123 -o out/",
		Zh: "超过大小上限（--max-size，默认取平台的上限）的材料包先改用较小的照片副本，再拆分成几部分\n" +
			"（<case-id>-packet-part1-of-3.pdf ……）；原件从不改动。每个材料包都内嵌原始文件哈希清单（见\n" +
			"`appealpacket verify`）；写出后被改动过的输出，不加 --overwrite 不会被覆盖。\n\n" +
			"--channel NAME 按平台的某个上传表单生成（`appealpacket profile show` 会列出）：PDF 控制在表单的文件数\n" +
			"和大小之内；表单不收 PDF 时，则把各页生成编号图片（<case-id>-p01.jpg ……），每张都在大小上限内，\n" +
			"表单收原图时再附上相机原图；不生成 XLSX 索引。\n\n" +
			"--per-brand 为每个品牌（同一商标名称的各个商标）各生成一个材料包，用于每次提交只收一个品牌的平台\n" +
			"（Coupang）：<case-id>-<brand>-packet.pdf 和 -index.xlsx，各含该品牌的商标、写明这些商标的授权书、写明\n" +
			"这些商标的商品链接（case.yaml 中每个商品链接都须写 `trademarks: [ID]`）、这些链接图片所用的照片，以及\n" +
			"写明这些商标或未写任何商标的文件。每个材料包分别检查；只有全部可以提交（或加 --force）才会写出。\n\n" +
			"示例：\n   appealpacket build testdata/demo -o out/\n   appealpacket build --profile amazon --channel copyright-images testdata/demo -o out/\n   appealpacket build --force --date 2024-04-01 cases/IPP-123 -o out/\n" +
			"   appealpacket build --max-size 5MB --attach-originals cases/IPP-123 -o out/\n" +
			"   appealpacket build --sign seller.p12 --tsa http://timestamp.example/tsr cases/IPP-123 -o out/"},
	"flag.build.out":              {En: "folder to write the packet to (created if missing)", Zh: "写出材料包的文件夹 `DIR`（不存在时自动创建）"},
	"flag.build.force":            {En: "write the packet even with blocking findings; its cover then says NOT READY", Zh: "即使有阻断性问题也生成材料包；此时封面标为未就绪（NOT READY）"},
	"flag.build.max-size":         {En: "largest packet `SIZE` (e.g. 10MB, 500KB); default: the platform profile's attachment limit", Zh: "材料包的最大大小 `SIZE`（例如 10MB、500KB）；默认：平台规则的附件上限"},
	"flag.build.attach-originals": {En: "embed the original files (EXIF intact) in the packet, as far as the size limit allows (signed PDFs are embedded first, even without it)", Zh: "在大小上限允许的范围内，把原始文件（EXIF 完整）嵌入材料包（已签名的 PDF 即使不加此选项也会优先嵌入）"},
	"flag.build.findings-sheet":   {En: "add a Findings sheet (each finding with what to do) to the XLSX index: for your own copy, not the one you send", Zh: "在 XLSX 索引中加一张 Findings 工作表（每个问题及处理办法）：供自己留存，不是提交用的那份"},
	"flag.build.overwrite":        {En: "replace outputs even if they were changed after appealpacket wrote them", Zh: "即使输出文件在 appealpacket 写出后被改动过，也覆盖它们"},
	"flag.build.per-brand":        {En: "one packet per brand (the trademarks of one mark), for platforms that take one brand per submission: <case-id>-<brand>-packet.pdf ...; every listing names its trademarks in case.yaml (trademarks: [ID])", Zh: "每个品牌（同一商标名称的各个商标）一个材料包，用于每次提交只收一个品牌的平台：<case-id>-<brand>-packet.pdf ……；case.yaml 中每个商品链接都须写明其商标（trademarks: [ID]）"},
	"flag.check.per-brand":        {En: "check each brand's packet as build --per-brand would make it (its own findings and verdict); ready when every brand is", Zh: "按 build --per-brand 的方式分别检查每个品牌的材料包（各自的问题和结论）；所有品牌都就绪才算就绪"},
	"flag.batch.channel":          {En: "build every case for the profile's upload channel `NAME` (see `appealpacket build --help`)", Zh: "按平台规则的上传渠道 `NAME` 生成每个案件（见 `appealpacket build --help`）"},
	"flag.batch.per-brand":        {En: "one packet per brand in each case of several brands (see `appealpacket build --help`)", Zh: "在含多个品牌的案件中，每个品牌一个材料包（见 `appealpacket build --help`）"},
	"flag.pdfium-cache":           {En: "keep PDFium's compiled code in `DIR`, so that --channel builds that draw pictures start in about a second instead of compiling it (several seconds). The folder holds machine code this tool runs: give a folder of your own that no one else can write (created 0700; on Unix a folder others may write is refused)", Zh: "把 PDFium 编译后的代码保存在 `DIR` 中，使生成图片的 --channel 生成约一秒即可开始，而不必每次编译（数秒）。该文件夹存放本工具会运行的机器码：请给一个只有您自己能写入的文件夹（以 0700 创建；在 Unix 上，他人可写的文件夹会被拒绝）"},
	"flag.build.channel":          {En: "write what the profile's upload channel `NAME` takes (see `appealpacket profile show`): the PDF within its limits, or its pages as numbered pictures", Zh: "按平台规则中上传渠道 `NAME` 的要求生成（见 `appealpacket profile show`）：在其限制内的 PDF，或编号的页面图片"},

	"batch.usage": {En: "build many cases at once, each into its own folder, with a summary", Zh: "一次生成多个案件，各自写入自己的文件夹，并附汇总"},
	"batch.description": {En: "Each DIR is a case folder (it holds case.yaml) or a folder of case folders; --list FILE names\n" +
		"one case folder per line (# comments; relative paths are relative to FILE's folder). Each case is\n" +
		"built like `build` into OUT_DIR/<case folder name>/, --jobs cases at a time; one failing case never\n" +
		"stops the others. OUT_DIR/summary.json and OUT_DIR/summary.xlsx list every case with its status\n" +
		"(built, not-ready, failed, skipped), findings by severity, output files and sizes, and seconds.\n" +
		"Exit status: 0 every case built, 1 some case not ready or failed, 2 the batch could not run.\n\n" +
		"Examples:\n   appealpacket batch clients/ -o out/\n   appealpacket batch --list today.txt -j 4 -o out/",
		Zh: "每个 DIR 是一个案件文件夹（内有 case.yaml），或装着多个案件文件夹的文件夹；--list FILE 每行列出一个\n" +
			"案件文件夹（# 为注释；相对路径相对于 FILE 所在的文件夹）。每个案件都像 `build` 一样生成到\n" +
			"OUT_DIR/<案件文件夹名>/，同时处理 --jobs 个案件；一个案件失败不会影响其他案件。OUT_DIR/summary.json\n" +
			"和 OUT_DIR/summary.xlsx 列出每个案件的状态（built、not-ready、failed、skipped）、按严重程度统计的问题、\n" +
			"输出文件及大小和用时（秒）。\n" +
			"退出状态：0 所有案件均已生成，1 有案件未就绪或失败，2 批处理无法运行。\n\n" +
			"示例：\n   appealpacket batch clients/ -o out/\n   appealpacket batch --list today.txt -j 4 -o out/"},
	"flag.batch.out":     {En: "folder for the cases' packets and the summaries (created if missing)", Zh: "存放各案件材料包和汇总的文件夹 `DIR`（不存在时自动创建）"},
	"flag.batch.jobs":    {En: "cases built at once", Zh: "同时生成的案件数 `N`"},
	"flag.batch.list":    {En: "`FILE` naming one case folder per line", Zh: "每行列出一个案件文件夹的文件 `FILE`"},
	"flag.batch.force":   {En: "write packets even with blocking findings; their covers then say NOT READY", Zh: "即使有阻断性问题也生成材料包；此时封面标为未就绪（NOT READY）"},
	"flag.batch.profile": {En: "platform profile `FILE` (YAML) to check every case against; a built-in name (%s) works too", Zh: "用平台规则文件 `FILE`（YAML）检查每个案件；也可以写内置名称（%s）"},

	"check.usage": {En: "say what could sink the appeal, without writing anything", Zh: "指出可能导致申诉失败的问题，不写出任何文件"},
	"check.description": {En: "Reads the case like build does and reports findings grouped by severity, each with its\n" +
		"exhibit, what is wrong and what to do. Exit status: 0 ready (no errors), 1 blocking errors found,\n" +
		"2 the check could not run (no or bad case.yaml, unreadable folder).\n",
		Zh: "像 build 一样读取案件，按严重程度分组报告问题，每个问题注明证据编号、哪里有错和处理办法。\n" +
			"退出状态：0 可以提交（没有错误），1 发现阻断性错误，2 检查无法运行（没有或无效的 case.yaml、无法读取的文件夹）。\n"},
	"check.examples": {En: "Examples:\n   appealpacket check testdata/demo\n   appealpacket check --format json testdata/demo | jq .ready\n" +
		"   appealpacket check --format html -o report.html testdata/demo   (a page for you, with thumbnails)\n" +
		"   appealpacket check --profile amazon testdata/demo\n   appealpacket check --profile my-platform.yaml testdata/demo",
		Zh: "示例：\n   appealpacket check testdata/demo\n   appealpacket check --format json testdata/demo | jq .ready\n" +
			"   appealpacket check --format html -o report.html testdata/demo   （带缩略图的网页，供您查看）\n" +
			"   appealpacket check --profile amazon testdata/demo\n   appealpacket check --profile my-platform.yaml testdata/demo"},
	"flag.check.format": {En: "`text` for people, `json` for scripts, `html` for a report page with thumbnails (with -o FILE)", Zh: "输出格式 `FORMAT`：text 给人看，json 给脚本用，html 为带缩略图的报告网页（配合 -o FILE）"},
	"flag.check.today":  {En: "count the appeal deadline to `DATE` (YYYY-MM-DD) instead of case.prepared or today", Zh: "按日期 `DATE`（YYYY-MM-DD）而不是 case.prepared 或今天计算申诉期限"},
	"flag.check.output": {En: "write the report to `FILE` (written whole, then renamed) instead of the terminal", Zh: "把报告写入文件 `FILE`（完整写好后再改名），而不是输出到终端"},

	"inspect.usage": {En: "show the EXIF evidence of photos (camera, serial, capture time, GPS, hashes)", Zh: "显示照片的 EXIF 证据（相机、序列号、拍摄时间、GPS、哈希）"},
	"inspect.description": {En: "Reads metadata without decoding pixels, from JPEG, HEIC, PNG, WebP and TIFF files; folders are\n" +
		"searched for pictures. --json prints an array shaped like `exiftool -json -n`, plus SHA256, Warnings\n" +
		"and C2PA (the file's Content Credentials, validated against --c2pa-trust FILE when given, else without a\n" +
		"trust list; nothing is fetched).\n" +
		"A damaged file is reported with its warnings; the exit status is 2 only if no file could be read.\n\n" +
		"Examples:\n   appealpacket inspect testdata/demo/originals\n   appealpacket inspect --json IMG_0012.JPG",
		Zh: "不解码像素，读取 JPEG、HEIC、PNG、WebP 和 TIFF 文件的元数据；文件夹会被搜索其中的图片。--json 输出\n" +
			"与 `exiftool -json -n` 格式相同的数组，另加 SHA256、Warnings 和 C2PA（文件的内容凭证；给出\n" +
			"--c2pa-trust FILE 时按其验证，否则不用信任列表；不联网获取任何内容）。\n" +
			"损坏的文件会连同警告一起报告；只有在没有任何文件可读时，退出状态才是 2。\n\n" +
			"示例：\n   appealpacket inspect testdata/demo/originals\n   appealpacket inspect --json IMG_0012.JPG"},
	"flag.inspect.json": {En: "print JSON for scripts", Zh: "输出供脚本使用的 JSON"},

	"letter.usage": {En: "write a letter for the case, e.g. a request to the complainant to withdraw", Zh: "为案件写一封信，例如请投诉方撤诉的函"},
	"letter.description": {En: "Writes OUT_DIR/<case-id>-<kind>.pdf in the case's language (case.language: en or zh). Kinds: %s.\n" +
		"A withdrawal request describes the evidence in words (its reader has not seen the packet, so it cites no\n" +
		"exhibit numbers) and ends with a signature, date and company-seal block. Like build, it refuses a case\n" +
		"with blocking findings unless --force.\n\n" +
		"Examples:\n   appealpacket letter --kind withdrawal-request testdata/demo -o out/\n" +
		"   appealpacket letter --kind withdrawal-request --template my-letter.tmpl cases/IPP-123",
		Zh: "以案件的语言（case.language：en 或 zh）写出 OUT_DIR/<case-id>-<kind>.pdf。种类：%s。\n" +
			"撤诉请求函用文字描述证据（收信人没有看过材料包，所以不引用证据编号），结尾有签名、日期和公司盖章栏。\n" +
			"与 build 一样，案件有阻断性问题时，除非使用 --force，否则拒绝写出。\n\n" +
			"示例：\n   appealpacket letter --kind withdrawal-request testdata/demo -o out/\n" +
			"   appealpacket letter --kind withdrawal-request --template my-letter.tmpl cases/IPP-123"},
	"flag.letter.kind": {En: "the letter to write: %s (form-text: the appeal summary for the platform's text box, a .txt within the profile's character limit)",
		Zh: "要写的信函种类 `KIND`：%s（form-text：填入平台文本框的申诉摘要，一个不超过平台规则字数上限的 .txt）"},
	"flag.letter.profile": {En: "platform profile `FILE` or built-in name, instead of the one case.platform selects (its form_text_chars limits form-text)", Zh: "平台规则文件 `FILE` 或内置名称，代替 case.platform 选定的规则（其 form_text_chars 限制 form-text 的字数）"},
	"flag.letter.out":     {En: "folder to write the letter to", Zh: "写出信函的文件夹 `DIR`"},
	"flag.letter.force":   {En: "write the letter even when the case has blocking findings (it would claim what the evidence does not show)", Zh: "即使案件有阻断性问题也写出信函（信中的说法将得不到证据支持）"},

	"profile.usage": {En: "show what each platform's profile checks, and where each rule comes from", Zh: "显示各平台规则检查什么，以及每条规则的出处"},
	"profile.description": {En: "A profile holds a platform's rules: attachment types and sizes, picture sizes, invoice age, letter terms,\n" +
		"the appeal's deadline. Each rule names its source and confidence (official, third-party, unknown: an assumption).\n" +
		"Correct a profile without a new release: export it, edit the copy, and give it to check and build with --profile.\n\n" +
		"Examples:\n   appealpacket profile show aliexpress\n   appealpacket profile export amazon > my-amazon.yaml\n" +
		"   appealpacket check --profile my-amazon.yaml my-case/",
		Zh: "平台规则文件包含平台的规则：附件类型和大小、图片尺寸、发票时间、授权书条款、申诉期限。每条规则都注明\n" +
			"出处和可信度（official 官方、third-party 第三方、unknown 未知：属于假设）。无需等新版本即可修正规则：\n" +
			"导出它，修改副本，再用 --profile 交给 check 和 build。\n\n" +
			"示例：\n   appealpacket profile show aliexpress\n   appealpacket profile export amazon > my-amazon.yaml\n" +
			"   appealpacket check --profile my-amazon.yaml my-case/"},
	"profile.show.usage":   {En: "print a profile's rules with their sources", Zh: "显示平台规则及其出处"},
	"profile.export.usage": {En: "print a built-in profile's YAML, to edit and pass to --profile", Zh: "输出内置平台规则的 YAML，修改后可交给 --profile"},

	"serve.usage": {En: "open a local web page that goes from a folder of files to a packet, without a terminal", Zh: "打开本机网页，无需终端即可从一文件夹的文件做出材料包"},
	"serve.description": {En: "Serves a web page on this machine only (127.0.0.1, a free port) and opens it in the browser. Each case\n" +
		"is a folder under WORKSPACE_DIR (default ~/AppealPacket), the same folder the other commands use: add files\n" +
		"by upload or drag and drop, fill in the form (saved to case.yaml, comments kept), see the check's findings\n" +
		"beside each field, build, download the PDF and XLSX, and verify a packet. The printed address carries a\n" +
		"random token: only who has it can use the page. Stop with Ctrl-C.\n\n" +
		"Examples:\n   appealpacket serve\n   appealpacket serve --no-browser --addr 127.0.0.1:8080 cases/",
		Zh: "只在本机（127.0.0.1，空闲端口）提供网页，并在浏览器中打开。每个案件是 WORKSPACE_DIR（默认\n" +
			"~/AppealPacket）下的一个文件夹，与其他命令使用的文件夹相同：上传或拖放文件，填写表单（保存到\n" +
			"case.yaml，注释保留），在各字段旁查看检查结果，生成材料包，下载 PDF 和 XLSX，并核验材料包。\n" +
			"显示的地址带有随机令牌：只有持有它的人才能使用该网页。按 Ctrl-C 停止。\n\n" +
			"示例：\n   appealpacket serve\n   appealpacket serve --no-browser --addr 127.0.0.1:8080 cases/"},
	"flag.serve.addr":        {En: "`HOST:PORT` to listen on (port 0: a free one)", Zh: "监听的 `HOST:PORT`（端口 0：任一空闲端口）"},
	"flag.serve.listen-any":  {En: "allow an --addr that is not loopback (anyone on the network who has the address can then use the page)", Zh: "允许非本机回环的 --addr（此时网络上任何知道地址的人都能使用该网页）"},
	"flag.serve.no-browser":  {En: "print the address without opening the browser", Zh: "只显示地址，不打开浏览器"},
	"flag.serve.max-file-mb": {En: "largest uploaded file, in MB", Zh: "上传文件的最大大小 `MB`"},
	"flag.serve.max-case-mb": {En: "largest case folder, in MB", Zh: "案件文件夹的最大大小 `MB`"},

	"verify.usage": {En: "check a packet against its embedded manifest, and a case folder against the packet", Zh: "按内嵌清单核验材料包，并按材料包核验案件文件夹"},
	"verify.description": {En: "Every packet carries appealpacket-manifest.json: the SHA-256 of each original file, sealed with the\n" +
		"packet file's own hash. verify checks the very file it is given, whatever its name: whether it is\n" +
		"unchanged since it was sealed (by anyone who had the file: the seal is not a signature, and whoever\n" +
		"edits a packet can seal it again); for a split packet, whether every other part is in the same folder\n" +
		"(found by its contents, whatever its name) and unchanged; whether the originals embedded in it\n" +
		"(--attach-originals) are intact; and, given CASE_DIR, whether the folder holds those files: ok,\n" +
		"changed, missing, unreadable (a link out of the folder, not a regular file). Files in CASE_DIR the\n" +
		"packet does not list are reported as extra, a difference only with --strict; appealpacket's own\n" +
		"outputs there are not case files. Names in the manifest are read only inside the packet's folder\n" +
		"or CASE_DIR. Exit status 0 when nothing differs, 1 when something does, 2 when the packet cannot\n" +
		"be read.\n\n" +
		"A signed packet is checked too: every signature must cover the file, and nothing may follow it but\n" +
		"further signatures; the seal is checked on the bytes before the first signature. verify prints\n" +
		"\"signed by <name>, unchanged since <time>\" (the timestamp's time when there is one), or, for a packet\n" +
		"without signature, \"unchanged since it was sealed, by anyone\": anyone can seal a packet. --trust FILE\n" +
		"(PEM certificates, or `system` for this computer's roots) checks that each signer chains to a trusted\n" +
		"certificate and was valid at the signing time; without it the signer's name is the certificate's word.\n" +
		"--require-signature fails for a packet without a valid signature.\n\n" +
		"Examples:\n   appealpacket verify out/IPP-2024-0001234-packet.pdf testdata/demo\n" +
		"   appealpacket verify --strict out/IPP-2024-0001234-packet.pdf testdata/demo\n" +
		"   appealpacket verify --trust our-ca.pem --require-signature out/IPP-2024-0001234-packet.pdf\n" +
		"   appealpacket verify ~/Downloads/IPP-2024-0001234-packet-part1-of-2\\ \\(1\\).pdf",
		Zh: "每个材料包都带有 appealpacket-manifest.json：每个原始文件的 SHA-256，并以材料包文件自身的哈希封存。\n" +
			"verify 核验所给的那个文件本身（不论文件名）：自封存以来是否未被改动（封存可由任何持有该文件的人完成：\n" +
			"封存不是签名，改动材料包的人可以重新封存）；对拆分的材料包，其他各部分是否都在同一文件夹中（按内容\n" +
			"查找，不论文件名）且未被改动；其中嵌入的原件（--attach-originals）是否完好；给出 CASE_DIR 时，该\n" +
			"文件夹是否存有这些文件：ok（一致）、changed（已改动）、missing（缺失）、unreadable（无法读取：指向\n" +
			"文件夹外的链接，或不是普通文件）。CASE_DIR 中材料包未列出的文件报告为 extra（多余），只有加 --strict\n" +
			"时才算差异；appealpacket 自己在那里的输出不算案件文件。清单中的文件名只在材料包所在文件夹或 CASE_DIR\n" +
			"内读取。退出状态：0 没有差异，1 有差异，2 无法读取材料包。\n\n" +
			"已签名的材料包也会核验：每个签名都必须覆盖整个文件，其后只能再有签名；封存按第一个签名之前的字节核验。\n" +
			"verify 显示“signed by <名称>, unchanged since <时间>”（有时间戳时为时间戳的时间），没有签名的材料包则显示\n" +
			"“unchanged since it was sealed, by anyone”：任何人都能封存材料包。--trust FILE（PEM 证书，或用 `system`\n" +
			"表示本机的根证书）核验每个签名者的证书链是否通到受信任的证书，且在签名时有效；不给时，签名者的名称\n" +
			"只是证书的一面之词。--require-signature：材料包没有有效签名时即告失败。\n\n" +
			"示例：\n   appealpacket verify out/IPP-2024-0001234-packet.pdf testdata/demo\n" +
			"   appealpacket verify --strict out/IPP-2024-0001234-packet.pdf testdata/demo\n" +
			"   appealpacket verify --trust our-ca.pem --require-signature out/IPP-2024-0001234-packet.pdf\n" +
			"   appealpacket verify ~/Downloads/IPP-2024-0001234-packet-part1-of-2\\ \\(1\\).pdf"},
	"flag.verify.trust":             {En: "trust the certificates of PEM `FILE` (or `system`) when checking signers", Zh: "核验签名者时信任 PEM 文件 `FILE`（或 system）中的证书"},
	"flag.verify.require-signature": {En: "fail unless every part carries a valid signature", Zh: "除非每个部分都有有效签名，否则失败"},
	"flag.verify.strict":            {En: "count files in CASE_DIR that the packet does not list as differences (exit status 1)", Zh: "把 CASE_DIR 中材料包未列出的文件算作差异（退出状态 1）"},
	"flag.verify.max-size":          {En: "largest packet file `SIZE` to read (e.g. 1GB)", Zh: "读取的材料包文件的最大大小 `SIZE`（例如 1GB）"},

	"version.usage": {En: "print the version", Zh: "显示版本"},
}

// hl formats a help message in language l.
func hl(l i18n.Lang, key string, args ...any) string {
	return helpMessages.Text(l, key, args...)
}

// The Chinese help templates: urfave/cli's own (cli.AppHelpTemplate,
// cli.CommandHelpTemplate, cli.SubcommandHelpTemplate), their headings in
// Chinese. The options are written by flagLines, since urfave/cli words a
// flag's default in English; %s is where they go.
const (
	zhUsage    = `{{if .UsageText}}{{wrap .UsageText 3}}{{else}}{{.HelpName}}{{if .VisibleFlags}} [命令选项]{{end}}{{if .ArgsUsage}} {{.ArgsUsage}}{{else}}{{if .Args}} [参数...]{{end}}{{end}}{{end}}`
	zhCommands = `{{ $cv := offsetCommands .VisibleCommands 5}}{{range .VisibleCommands}}
   {{$s := join .Names ", "}}{{$s}}{{ $sp := subtract $cv (offset $s 3) }}{{ indent $sp ""}}{{if eq .Name "help"}}%[2]s{{else}}{{wrap .Usage $cv}}{{end}}{{end}}`

	zhAppTemplate = `名称：
   {{template "helpNameTemplate" .}}

用法：
   {{if .UsageText}}{{wrap .UsageText 3}}{{else}}{{.HelpName}} [全局选项] 命令 [命令选项] [参数...]{{end}}{{if .Description}}

说明：
   {{template "descriptionTemplate" .}}{{end}}{{if .VisibleCommands}}

命令：` + zhCommands + `{{end}}

全局选项：%[1]s
`
	zhCommandTemplate = `名称：
   {{template "helpNameTemplate" .}}

用法：
   ` + zhUsage + `{{if .Description}}

说明：
   {{template "descriptionTemplate" .}}{{end}}

选项：%[1]s
`
	zhSubcommandTemplate = `名称：
   {{template "helpNameTemplate" .}}

用法：
   ` + zhUsage + `{{if .Description}}

说明：
   {{template "descriptionTemplate" .}}{{end}}{{if .VisibleCommands}}

命令：` + zhCommands + `{{end}}

选项：%[1]s
`
)

// localizeHelp gives app and its commands help templates in language l.
// English keeps urfave/cli's templates (the package globals, which are
// never changed); Chinese gets zhTemplates, per app and per command.
func localizeHelp(app *cli.App, l i18n.Lang) {
	if l != i18n.Chinese {
		return
	}
	helpCmd := templateText(hl(l, "command.help"))
	app.CustomAppHelpTemplate = sprintfTemplate(zhAppTemplate, flagLines(l, app.Flags), helpCmd)
	var walk func(cmds []*cli.Command)
	walk = func(cmds []*cli.Command) {
		for _, cmd := range cmds {
			tmpl := zhCommandTemplate
			if len(cmd.Subcommands) > 0 {
				tmpl = zhSubcommandTemplate
			}
			cmd.CustomHelpTemplate = sprintfTemplate(tmpl, flagLines(l, cmd.Flags), helpCmd)
			walk(cmd.Subcommands)
		}
	}
	walk(app.Commands)
}

// sprintfTemplate puts the options and the help command's usage into a
// template (%[1]s, %[2]s), without fmt's reading of other % signs.
func sprintfTemplate(tmpl, options, helpUsage string) string {
	return strings.NewReplacer("%[1]s", options, "%[2]s", helpUsage).Replace(tmpl)
}

// flagLines writes the options of a help page as urfave/cli does ("--out
// DIR, -o DIR\tusage (default: ...)"), the default worded in language l,
// with --help last.
func flagLines(l i18n.Lang, flags []cli.Flag) string {
	var b strings.Builder
	for _, f := range flags {
		if slices.Contains(f.Names(), "help") {
			continue
		}
		if vf, ok := f.(cli.VisibleFlag); ok && !vf.IsVisible() {
			continue
		}
		s := cli.FlagStringer(f)
		if df, ok := f.(cli.DocGenerationFlag); ok {
			if d := df.GetDefaultText(); d != "" {
				s = strings.Replace(s, " (default: "+d+")", hl(l, "help.default", d), 1)
			}
		}
		b.WriteString("\n   " + templateText(s))
	}
	b.WriteString("\n   " + "--help, -h\t" + templateText(hl(l, "flag.help")))
	return b.String()
}

// templateText quotes s for a text/template: any "{{" in it is printed as
// written.
func templateText(s string) string {
	return strings.ReplaceAll(s, "{{", `{{"{{"}}`)
}
