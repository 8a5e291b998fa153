package check

import (
	"strings"

	"appealpacket/internal/i18n"
	"appealpacket/packet/evidence/exif"
	"appealpacket/packet/profile"
)

// messages holds every finding message and hint of the checks, in English
// and Simplified Chinese. Codes are not translated; file names, exhibit
// IDs, case.yaml field names and what the files themselves say are
// arguments, printed as they are.
var messages = i18n.Catalog{
	// check.go: files
	"file.problem":            {En: "%s: %s", Zh: "%s：%s"},
	"path.missing":            {En: "%q does not exist in the case folder", Zh: "案件文件夹中没有 %q"},
	"path.empty":              {En: "empty path%.0s", Zh: "路径为空%.0s"},
	"path.absolute":           {En: "%q is an absolute path; paths are relative to the case folder", Zh: "%q 是绝对路径；路径应相对于案件文件夹"},
	"path.dotdot":             {En: "%q uses \"..\"; every file must be inside the case folder", Zh: "%q 使用了“..”；所有文件都必须在案件文件夹内"},
	"path.folder":             {En: "%q is a folder; name a file", Zh: "%q 是文件夹；请写一个文件"},
	"file.hint.path":          {En: "Fix the path in case.yaml, or put the file in the case folder.", Zh: "改正 case.yaml 中的路径，或把文件放进案件文件夹。"},
	"file.hint.not_read":      {En: "Add the camera's own JPEG or HEIC of each shot (most cameras save one beside a RAW file) and keep the RAW file to send on request; move other files out of the photos folder.", Zh: "为每张照片加入相机自己保存的 JPEG 或 HEIC（多数相机在 RAW 文件旁另存一份），并保留 RAW 文件以便应要求提供；把其他文件移出照片文件夹。"},
	"file.hint.outside":       {En: "Copy the file into the case folder and name it relative to the folder; appealpacket reads nothing outside it.", Zh: "把文件复制到案件文件夹中，并写出它相对于该文件夹的路径；appealpacket 不读取文件夹以外的任何内容。"},
	"file.hint.unreadable":    {En: "Name a regular file that you can open.", Zh: "请写一个您能打开的普通文件。"},
	"file.hint.wrong_type":    {En: "Export the document as PDF (or a picture) and name that file in case.yaml.", Zh: "把文件导出为 PDF（或图片），并在 case.yaml 中写上导出的文件。"},
	"file.hint.wrong_picture": {En: "Name the picture file itself here; a PDF belongs under trademarks, authorizations or documents.", Zh: "这里请写图片文件本身；PDF 应写在 trademarks、authorizations 或 documents 下。"},
	"file.hint.too_large":     {En: "Name a smaller copy in case.yaml: a picture exported as JPEG, a PDF with fewer pages or scanned at 200-300 dpi. A packet of 10 MB could not hold a file this size anyway.", Zh: "在 case.yaml 中改写一个较小的副本：导出为 JPEG 的图片，或页数更少、以 200-300 dpi 扫描的 PDF。10 MB 的材料包本来也放不下这么大的文件。"},
	"file.hint.damaged":       {En: "Replace the file with a complete copy of the original.", Zh: "请用原文件的完整副本替换此文件。"},
	"file.duplicate":          {En: "%s has the same content (SHA-256) as %s", Zh: "%s 与 %s 内容相同（SHA-256 一致）"},
	"file.hint.duplicate":     {En: "Keep one copy; a reviewer counts repeated evidence as padding.", Zh: "只保留一份；审核人员会把重复的证据视为凑数。"},
	"glyphs":                  {En: "these characters cannot be drawn with the embedded fonts and appear as [U+XXXX] in the PDF: %s", Zh: "以下字符无法用内嵌字体绘制，在 PDF 中显示为 [U+XXXX]：%s"},
	"glyphs.hint":             {En: "Pass a TrueType font that has them with --font FILE.ttf, or write the text without them.", Zh: "用 --font FILE.ttf 提供含有这些字符的 TrueType 字体，或改写文字不用这些字符。"},

	// photos.go
	"picture.not_shown":            {En: "%s cannot be shown in the packet: %s", Zh: "%s 无法在材料包中显示：%s"},
	"picture.not_shown.hint":       {En: "For a picture over the pixel limit, raise it with --max-pixels if you trust the file, and over the memory a build gives a picture, with --memory; else use a smaller copy for display and keep the original.", Zh: "图片超过像素上限时，如果您信任该文件，可用 --max-pixels 提高上限；超过单张图片的内存预算时，用 --memory 提高；否则请用较小的副本显示，并保留原件。"},
	"listing.original_not_photo":   {En: "%s is declared to be made from %q, which is not one of the case's photos", Zh: "%s 声明由 %q 制作，但它不是本案的照片之一"},
	"listing.original_not_photo.h": {En: "List %q under photos: (or correct the name of the original at %s).", Zh: "把 %q 列在 photos: 下（或改正 %s 处原图的文件名）。"},
	"listing.declared.undecodable": {En: "%s is declared to be made from %s (%s), but the comparison could not be compared with it (one of the two pictures cannot be decoded); the packet shows the link as declared by you, not as confirmed", Zh: "%s 声明由 %s（%s）制作，但两者无法比对（其中一张图片无法解码）；材料包把这一关联标为您的声明，而非已确认"},
	"listing.declared.distance":    {En: "%s is declared to be made from %s (%s), but the comparison does not match it: distance %d of %d, where %d or less means the same picture; the packet shows the link as declared by you, not as confirmed", Zh: "%s 声明由 %s（%s）制作，但比对结果不符：差异为 %d（最大 %d），%d 及以下才算同一张图片；材料包把这一关联标为您的声明，而非已确认"},
	"listing.declared.hint":        {En: "Check that case.yaml names the right original. If the listing picture was redrawn or assembled from several photos, keep the declaration: the reviewer sees both pictures side by side.", Zh: "请确认 case.yaml 写的是正确的原图。如果商品图是重绘的或由多张照片拼合而成，请保留该声明：审核人员会并排看到两张图片。"},
	"listing.not_compared":         {En: "%s could not be compared with the original photos", Zh: "%s 无法与原始照片比对"},
	"listing.not_compared.hint":    {En: "Check that the listing picture and the originals open as pictures.", Zh: "请确认商品图和原始照片都能作为图片打开。"},
	"listing.unmatched":            {En: "%s matches none of the original photos; its page says that no original is in the packet", Zh: "%s 与所有原始照片都不匹配；它的页面注明材料包中没有其原图"},
	"listing.unmatched.nearest":    {En: "%s matches none of the original photos (closest: %s, distance %d of %d; a match is %d or less); its page says that no original is in the packet", Zh: "%s 与所有原始照片都不匹配（最接近的是 %s，差异为 %d（最大 %d），%d 及以下才算匹配）；它的页面注明材料包中没有其原图"},
	"listing.unmatched.hint":       {En: "Add the camera original this listing picture was made from. If you know which photo it is but the comparison misses it (a heavy edit or collage), name it in case.yaml: images: [{path: %s, original: PHOTO}], where PHOTO is the path of that photo as photos: lists it (such as %s).", Zh: "请加入制作这张商品图所用的相机原图。如果您知道是哪张照片而比对没有找到（大幅修改或拼图），请在 case.yaml 中写明：images: [{path: %s, original: PHOTO}]，PHOTO 为该照片在 photos: 中的路径（例如 %s）。"},
	"photo.no_exif":                {En: "%s carries no EXIF metadata: nothing in it shows which camera took it or when", Zh: "%s 没有 EXIF 元数据：文件中没有任何信息显示它由哪台相机、在何时拍摄"},
	"photo.no_exif.unread":         {En: "%s carries no EXIF metadata that could be read (%s): nothing read shows which camera took it or when", Zh: "%s 的 EXIF 元数据无法读取（%s）：读到的内容都不能显示它由哪台相机、在何时拍摄"},
	"photo.as_written.hint":        {En: "Use the file exactly as the camera or phone wrote it (copy it by cable or as a 'document', not through a chat app, which strips metadata).", Zh: "请使用相机或手机原样保存的文件（用数据线复制，或以“文件”方式发送；不要经聊天软件发送图片，那样会删掉元数据）。"},
	"photo.damaged":                {En: "%s: part of the metadata is damaged and was not trusted: %s", Zh: "%s：部分元数据已损坏，未予采信：%s"},
	"photo.damaged.hint":           {En: "Look for an untouched copy of the file; a reviewer may ask why the metadata is damaged.", Zh: "请找一份未经改动的文件副本；审核人员可能会问元数据为何损坏。"},
	"photo.edited":                 {En: "%s was saved by %q: it is an edited copy, not the camera original", Zh: "%s 由 %q 保存过：这是编辑后的副本，不是相机原图"},
	"photo.edited.hint":            {En: "Use the file as the camera wrote it; keep edited versions for the listing only.", Zh: "请使用相机原样保存的文件；编辑过的版本只用于商品页面。"},
	"photo.no_time":                {En: "%s has EXIF but no capture time (DateTimeOriginal)", Zh: "%s 有 EXIF，但没有拍摄时间（DateTimeOriginal）"},
	"photo.no_time.hint":           {En: "Use the camera original; without a capture time the photo cannot show it predates the listing.", Zh: "请使用相机原图；没有拍摄时间，照片就无法证明它早于商品上架。"},
	"photo.after_listing":          {En: "%s was taken on %s, after listing %s went live on %s: it cannot be the original of that listing's pictures", Zh: "%s 拍摄于 %s，晚于商品 %s 的上架日期 %s：它不可能是该商品图片的原图"},
	"photo.after_listing.hint":     {En: "Use the photos from the shoot that made the listing pictures, or check the listing's published date in case.yaml.", Zh: "请使用拍摄商品图片那一次的照片，或核对 case.yaml 中该商品的上架日期。"},
	"photo.after_complaint":        {En: "%s was taken on %s, after the complaint of %s: a reviewer will see it as made for the appeal", Zh: "%s 拍摄于 %s，晚于 %s 的投诉：审核人员会认为它是为申诉而拍的"},
	"photo.after_complaint.hint":   {En: "Remove it from the case; only photos taken before the complaint support the appeal.", Zh: "请把它从案件中移除；只有投诉之前拍摄的照片才能支持申诉。"},
	"photo.camera_mixed":           {En: "the photos of listing %s come from %d camera bodies: %s", Zh: "商品 %s 的照片来自 %d 台相机：%s"},
	"photo.camera_mixed.hint":      {En: "Fine if you own them all; be ready to say which camera took which picture.", Zh: "如果这些相机都是您的，就没有问题；请准备好说明哪张照片由哪台相机拍摄。"},
	"photo.one_body":               {En: "all %d photos were taken by one camera body: %s (read from %s)", Zh: "全部 %d 张照片由同一台相机拍摄：%s（读自 %s）"},
	"photo.body":                   {En: "%s, serial %s", Zh: "%s，序列号 %s"},
	"photo.body.internal":          {En: "%s, internal serial %s", Zh: "%s，内部序列号 %s"},
	"photo.one_body.hint":          {En: "Strong evidence: the statement says so. Keep the camera: a photo of its serial plate settles any doubt.", Zh: "这是有力的证据：申诉陈述会写明这一点。请保留这台相机：拍一张它的序列号铭牌即可消除任何疑问。"},

	// originality.go, credentials.go, dates.go
	"photo.not_original":      {En: "%s (%s) is not the file the camera wrote: %s. A reviewer who compares the picture with its own EXIF will see an edited copy presented as an original", Zh: "%s（%s）不是相机写入的原文件：%s。审核人员把图片与它自己的 EXIF 对比，就会看出这是被当作原图提交的编辑副本"},
	"photo.not_original.hint": {En: "Use the file exactly as the camera or phone saved it (copy it by cable, or send it as a document, not through an app that re-saves it). If this is the picture shown in the listing, list it under listings as a listing picture instead, next to its original.", Zh: "请使用相机或手机原样保存的文件（用数据线复制，或以文件方式发送；不要经过会重新保存图片的应用）。如果这是商品页面展示的图片，请改把它作为商品图列在 listings 下，与它的原图并列。"},
	"photo.c2pa_invalid":      {En: "%s (%s) carries Content Credentials that do not validate (%s): the file was changed after it was signed, or its credentials are damaged", Zh: "%s（%s）带有的内容凭证（Content Credentials）验证不通过（%s）：文件在签名后被改动过，或其凭证已损坏"},
	"photo.c2pa_invalid.hint": {En: "Use the file exactly as the camera or app signed it; a reviewer who checks its Content Credentials (e.g. at contentcredentials.org/verify) sees the same failure.", Zh: "请使用相机或应用签名时的原样文件；审核人员检查其内容凭证（例如在 contentcredentials.org/verify）时会看到同样的失败。"},
	"date.before_exif":        {En: "%s (%s) says it was taken on %s (%s), but the year %d is before any camera wrote such dates (%d): the date cannot be the camera's", Zh: "%s（%s）显示拍摄于 %s（%s），但 %d 年早于任何相机写入此类日期的年份（%d）：这个日期不可能是相机写的"},
	"date.after_packet":       {En: "%s (%s) says it was taken on %s (%s), but that is after the date of this packet, %s: the date cannot be the camera's", Zh: "%s（%s）显示拍摄于 %s（%s），但这晚于本材料包的日期 %s：这个日期不可能是相机写的"},
	"date.before_model":       {En: "%s (%s) says it was taken on %s (%s), but the %s was announced in %d: the date cannot be the camera's", Zh: "%s（%s）显示拍摄于 %s（%s），但 %s 在 %d 年才发布：这个日期不可能是相机写的"},
	"date.implausible.hint":   {En: "Check the camera's clock, and use the file exactly as the camera wrote it; if a program changed its dates, find the untouched original (on the camera's card, the phone, or its cloud backup).", Zh: "请检查相机的时钟，并使用相机原样写入的文件；如果有程序改动过它的日期，请找到未经改动的原件（在相机存储卡、手机或其云备份中）。"},
	"date.inconsistent":       {En: "%s (%s) says it was taken at %s (%s), %s earlier than the rest of the file says (%s): a reviewer will take the capture date as changed after the picture was taken", Zh: "%s（%s）显示拍摄于 %s（%s），比文件其余部分记录的时间早 %s（%s）：审核人员会认为拍摄日期在拍照后被改过"},
	"date.inconsistent.zone":  {En: "%s (%s) says it was taken at %s (%s), %s earlier than the rest of the file says, allowing for any time zone (%s): a reviewer will take the capture date as changed after the picture was taken", Zh: "%s（%s）显示拍摄于 %s（%s），即使考虑任何时区，也比文件其余部分记录的时间早 %s（%s）：审核人员会认为拍摄日期在拍照后被改过"},
	"date.inconsistent.hint":  {En: "Use the file exactly as the camera or phone wrote it; if a program changed its dates, find the untouched original (on the camera's card, the phone, or its cloud backup). If the camera's clock was wrong, say so in the statement.", Zh: "请使用相机或手机原样写入的文件；如果有程序改动过它的日期，请找到未经改动的原件（在相机存储卡、手机或其云备份中）。如果是相机时钟设错了，请在申诉陈述中说明。"},
	"span.days":               {EnOne: "%d day", En: "%d days", Zh: "%d 天"},
	"span.hours":              {EnOne: "%d hour", En: "%d hours", Zh: "%d 小时"},
	"span.minutes":            {EnOne: "%d minute", En: "%d minutes", Zh: "%d 分钟"},

	// statement.go
	"statement.unknown":            {En: "case.statement cites %s, which names no file of the case and no trademark or authorization id", Zh: "case.statement 引用了 %s，但它既不是本案的文件，也不是商标或授权的 id"},
	"statement.unknown.hint":       {En: "Write the path of a file as case.yaml names it (e.g. [[listing/main.jpg]]) or the id of a trademark or authorization (e.g. [[TM1]]); the packet prints each citation as the exhibit's current number, with a link.", Zh: "请写 case.yaml 中的文件路径（例如 [[listing/main.jpg]]）或商标、授权的 id（例如 [[TM1]]）；材料包会把每处引用印成该证据当前的编号，并附链接。"},
	"statement.number":             {En: "case.statement types the exhibit number %s, which points at another exhibit as soon as the numbering changes", Zh: "case.statement 直接写了证据编号 %s，编号一旦变动，它就会指向另一份证据"},
	"statement.number.hint":        {En: "Cite the file or id instead, in double brackets: the packet prints it as the exhibit's current number.", Zh: "请改为在双方括号中引用文件或 id：材料包会把它印成该证据当前的编号。"},
	"statement.number.hint.stable": {En: "Today %s is %s: write %s, which the packet prints as the exhibit's current number.", Zh: "目前 %s 是 %s：请写 %s，材料包会把它印成该证据当前的编号。"},

	// deadline.go
	"confidence.official":       {En: "official", Zh: "官方"},
	"confidence.third-party":    {En: "third-party", Zh: "第三方"},
	"confidence.unknown":        {En: "unknown", Zh: "未知"},
	"rule.source":               {En: " (the rule: %s; confidence: %s)", Zh: "（规则来源：%s；可信度：%s）"},
	"appeal.attempts":           {EnOne: "case.attempt is %d, and %s allows %d appeal against one complaint", En: "case.attempt is %d, and %s allows %d appeals against one complaint", Zh: "case.attempt 为 %d，而 %s 对同一投诉只允许申诉 %d 次"},
	"appeal.attempts.hint":      {En: "Check case.attempt: %s gives no further appeal against this complaint%s; ask the platform's support what remains open to you.", Zh: "请核对 case.attempt：%s 对这一投诉不再受理申诉%s；请向平台客服询问您还有哪些途径。"},
	"appeal.window.business":    {EnOne: "%d business day", En: "%d business days", Zh: "%d 个工作日"},
	"appeal.window.calendar":    {EnOne: "%d calendar day", En: "%d calendar days", Zh: "%d 个自然日"},
	"appeal.passed":             {En: "appeal %d against this complaint had to be made within %s of %s, by %s; that was %s ago", Zh: "针对这一投诉的第 %d 次申诉须在 %[3]s 起 %[2]s内、即 %[4]s 前提出；已过去 %[5]s"},
	"appeal.passed.hint":        {En: "If the complaint reached you later than case.received says, correct it; else ask the platform's support whether an appeal is still possible%s.", Zh: "如果您收到投诉的日期晚于 case.received 所写，请改正它；否则请向平台客服询问是否仍可申诉%s。"},
	"appeal.soon.today":         {En: "appeal %d must be made by %s (%s from %s): today is the last day", Zh: "第 %d 次申诉须在 %s 前提出（自 %[4]s 起 %[3]s）：今天是最后一天"},
	"appeal.soon.one":           {En: "appeal %d must be made by %s (%s from %s): one business day is left", Zh: "第 %d 次申诉须在 %s 前提出（自 %[4]s 起 %[3]s）：只剩一个工作日"},
	"appeal.soon.hint":          {En: "Submit the appeal now: %s counts %s for this appeal%s.", Zh: "请立即提交申诉：%s 给这次申诉的期限是 %s%s。"},
	"appeal.due":                {En: "appeal %d must be made by %s (%s from %s): %s left", Zh: "第 %d 次申诉须在 %s 前提出（自 %[4]s 起 %[3]s）：还剩 %[5]s"},
	"appeal.due.hint":           {En: "Keep a margin: the platform's clock may run in its own time zone%s.", Zh: "请留出余地：平台的时钟可能按它自己的时区计算%s。"},
	"brands":                    {En: "the case holds %d brands (%s), and %s takes the evidence of one brand per submission", Zh: "本案包含 %d 个品牌（%s），而 %s 每次提交只受理一个品牌的证据"},
	"brands.hint":               {En: "Build one packet per brand with `appealpacket build --per-brand` (give each listing its trademarks in case.yaml: trademarks: [ID]) and submit each packet on its own%s.", Zh: "请用 `appealpacket build --per-brand` 为每个品牌生成一个材料包（在 case.yaml 中为每个商品注明其商标：trademarks: [ID]），每个材料包单独提交%s。"},
	"doc.too_old":               {En: "%s %s is dated %s, %d days before the complaint of %s; %s accepts only papers dated within %d days before it", Zh: "%s %s 的日期为 %s，比 %[5]s 的投诉早 %[4]d 天；%[6]s 只接受投诉前 %[7]d 天内的文件"},
	"doc.too_old.hint":          {En: "Add a paper dated %s or later (a recent invoice or statement for the same goods); if the date was copied wrong, correct `date:` in case.yaml%s.", Zh: "请加入日期在 %s 或之后的文件（同一商品的近期发票或对账单）；如果日期抄错了，请改正 case.yaml 中的 `date:`%s。"},
	"invoice.supplier":          {En: "invoice %s shows no supplier %s in its text (as read); %s asks for invoices showing the supplier's %s", Zh: "发票 %s 的文字（直接读取）中没有供应商的%s；%s 要求发票写明供应商的%s"},
	"invoice.supplier.ocr":      {En: "invoice %s shows no supplier %s in its text (as read by OCR); %s asks for invoices showing the supplier's %s", Zh: "发票 %s 的文字（经 OCR 识别）中没有供应商的%s；%s 要求发票写明供应商的%s"},
	"invoice.supplier.hint":     {En: "Ask the supplier for an invoice that shows them; if the invoice does show them (in a picture or an unusual layout), the reviewer will see it and you can go on%s.", Zh: "请向供应商索取写明这些信息的发票；如果发票上其实有（在图片中或排版特殊），审核人员会看到，您可以继续%s。"},
	"kind.invoice":              {En: "invoice", Zh: "发票"},
	"kind.shooting-record":      {En: "shooting-record", Zh: "拍摄记录"},
	"kind.design":               {En: "design", Zh: "设计稿"},
	"kind.correspondence":       {En: "correspondence", Zh: "往来函件"},
	"kind.other":                {En: "other", Zh: "文件"},
	"supplier.phone":            {En: "phone", Zh: "电话"},
	"supplier.address":          {En: "address", Zh: "地址"},
	"supplier.website":          {En: "website", Zh: "网站"},
	"supplier.email":            {En: "email", Zh: "电子邮箱"},
	"list.and":                  {En: "%s and %s", Zh: "%s和%s"},
	"list.or":                   {En: "%s or %s", Zh: "%s或%s"},
	"list.sep":                  {En: ", ", Zh: "、"},
	"items.sep":                 {En: "; ", Zh: "；"},
	"form_text":                 {En: "case.statement is %d characters; %s's appeal text box takes %d", Zh: "case.statement 有 %d 个字符；%s 的申诉文本框最多 %d 个"},
	"form_text.hint":            {En: "Shorten case.statement, or keep it for the packet and paste a shorter summary into the form (appealpacket letter --kind form-text writes one).", Zh: "请缩短 case.statement，或在材料包中保留原文、在表单中粘贴一段较短的摘要（appealpacket letter --kind form-text 可生成）。"},
	"packet.over":               {En: "%s is %s, over the %s that %s takes as one attachment (%s)", Zh: "%s 大小为 %s，超过了 %[4]s 单个附件的上限 %[3]s（%[5]s）"},
	"packet.over.hint":          {En: "Make the packet smaller than %s: leave out repeated or weak pictures, and scan documents at 150–200 dpi in greyscale; if the platform takes several attachments, split the exhibits into parts under the limit.", Zh: "请把材料包缩小到 %s 以下：去掉重复或说服力弱的图片，文件以 150–200 dpi 灰度扫描；如果平台接受多个附件，请把证据拆分成不超过上限的几部分。"},
	"packet.over.platform":      {En: "the platform", Zh: "平台"},
	"packet.over.default":       {En: "the default limit", Zh: "默认上限"},
	"packet.over.profile":       {En: "platform profile %s", Zh: "平台配置 %s"},
	"manifest.commented_date":   {En: "%s is empty: its date %s is still inside the comment %q on line %d, which YAML ignores", Zh: "%s 为空：它的日期 %s 还在第 %[4]d 行的注释 %[3]q 里，YAML 会忽略注释"},
	"manifest.commented_date.h": {En: "Delete the \"#\" and the words before %s: on line %d, so that it reads %s: %s (indented like the fields around it).", Zh: "请删掉第 %[2]d 行 %[1]s: 前面的“#”和文字，使它成为 %[3]s: %[4]s（缩进与周围字段一致）。"},
	"manifest.required":         {En: "%s is empty, and %s needs it", Zh: "%s 为空，而 %s 需要它"},
	"manifest.required.what":    {En: "%s is empty, and %s needs it: %s", Zh: "%s 为空，而 %s 需要它：%s"},
	"manifest.required.fill":    {En: "Fill in %s in case.yaml.", Zh: "请在 case.yaml 中填写 %s。"},
	"filetype.pdf":              {En: "the packet is a PDF, but %s takes only %s attachments (platform profile %s)", Zh: "材料包是 PDF，而 %s 只接受 %s 附件（平台配置 %s）"},
	"filetype.pdf.hint":         {En: "Check accepted_types in %s: the packet needs pdf. If the platform really takes no PDF, send the exhibits one by one as it asks.", Zh: "请检查 %s 中的 accepted_types：材料包需要 pdf。如果平台确实不接受 PDF，请按平台要求逐个发送证据。"},
	"filetype.upload":           {EnOne: "%d file is %s, a type %s takes no upload of (it takes %s). The packet shows it, so the appeal is not affected; but if the reviewer asks for the original files, they cannot be uploaded as they are: %s", En: "%d files are %s, a type %s takes no upload of (it takes %s). The packet shows them, so the appeal is not affected; but if the reviewer asks for the original files, they cannot be uploaded as they are: %s", Zh: "%d 个文件是 %s 格式，%s 不接受上传这种格式（它接受 %s）。材料包中已展示这些文件，申诉不受影响；但如果审核人员要原始文件，就无法原样上传：%s"},
	"filetype.upload.types":     {En: "%d files are of types %s takes no upload of (it takes %s). The packet shows them, so the appeal is not affected; but if the reviewer asks for the original files, they cannot be uploaded as they are: %s", Zh: "%d 个文件的格式 %s 不接受上传（它接受 %s）。材料包中已展示这些文件，申诉不受影响；但如果审核人员要原始文件，就无法原样上传：%s"},
	"filetype.upload.hint":      {En: "Keep the originals unchanged: converting them removes the camera metadata that proves they are yours. If the reviewer asks for them, send them the way the reviewer asks (for example in a ZIP or by a download link) and point to their SHA-256 in the packet's appendix.", Zh: "请保持原件不变：转换格式会删掉证明它们属于您的相机元数据。如果审核人员索要，请按其要求的方式发送（例如打包成 ZIP 或提供下载链接），并指出材料包附录中它们的 SHA-256。"},
	"size.listing_small":        {En: "listing picture %s is %d×%d pixels; %s wants pictures of at least %d pixels on each side, and a reviewer cannot compare details this small", Zh: "商品图 %s 为 %d×%d 像素；%s 要求图片每边至少 %d 像素，这么小的图片审核人员无法比对细节"},
	"size.listing_small.hint":   {En: "Save the listing picture at full size (open the picture itself, not its thumbnail, and save that), at least %d×%d pixels.", Zh: "请以原尺寸保存商品图（打开图片本身而不是缩略图再保存），至少 %d×%d 像素。"},
	"size.photo_small":          {En: "%s is %d×%d pixels; %s wants pictures of at least %d pixels on each side. A camera original is normally thousands of pixels wide: one this small looks like a thumbnail or a copy sent through a chat app", Zh: "%s 为 %d×%d 像素；%s 要求图片每边至少 %d 像素。相机原图通常宽达数千像素：这么小的图片看起来像缩略图或经聊天软件发送的副本"},
	"size.photo_small.hint":     {En: "Use the file exactly as the camera or phone wrote it, at full size (copy it by cable or send it as a document, not as a chat picture).", Zh: "请使用相机或手机原样保存的原尺寸文件（用数据线复制，或以文件方式发送，不要作为聊天图片发送）。"},
	"size.large":                {En: "%s is %s; %s takes pictures of at most %s. The packet shows a reduced copy, so it is not affected; but the original cannot be uploaded as it is if the reviewer asks for it", Zh: "%s 大小为 %s；%s 接受的图片最大为 %s。材料包中展示的是缩小的副本，不受影响；但如果审核人员索要原件，就无法原样上传"},
	"size.large.hint":           {En: "Keep the original unchanged (recompressing it removes the proof). If the reviewer asks for it, send it the way the reviewer asks (for example in a ZIP or by a download link) and point to its SHA-256 in the packet's appendix.", Zh: "请保持原件不变（重新压缩会毁掉证据）。如果审核人员索要，请按其要求的方式发送（例如打包成 ZIP 或提供下载链接），并指出材料包附录中它的 SHA-256。"},
	"invoice.no_date":           {En: "%s: invoice %s has no date, and %s accepts only invoices dated within %d days before the complaint", Zh: "%s：发票 %s 没有日期，而 %s 只接受投诉前 %d 天内开具的发票"},
	"invoice.no_date.hint":      {En: "Copy the invoice's issue date into its `date:` field, as YYYY-MM-DD.", Zh: "请把发票的开具日期按 YYYY-MM-DD 格式抄到它的 `date:` 字段。"},
	"invoice.too_old":           {En: "invoice %s is dated %s, %d days before the complaint of %s; %s accepts only invoices dated within %d days before it", Zh: "发票 %s 的日期为 %s，比 %[4]s 的投诉早 %[3]d 天；%[5]s 只接受投诉前 %[6]d 天内开具的发票"},
	"invoice.too_old.prepared":  {En: "invoice %s is dated %s, %d days before the packet date of %s; %s accepts only invoices dated within %d days before it", Zh: "发票 %s 的日期为 %s，比材料包日期 %[4]s 早 %[3]d 天；%[5]s 只接受此前 %[6]d 天内开具的发票"},
	"invoice.too_old.hint":      {En: "Add a more recent invoice for these goods, dated %s or later; if its date was copied wrong, correct its `date:` field in case.yaml.", Zh: "请加入这些商品日期在 %s 或之后的较新发票；如果日期抄错了，请改正 case.yaml 中它的 `date:` 字段。"},
	"invoice.no_buyer":          {En: "%s is empty: %s checks that invoice %s names you as the buyer", Zh: "%s 为空：%s 会核对发票 %s 上的买方是否是您"},
	"invoice.no_buyer.hint":     {En: "Add buyer: \"...\" to documents[%d] in case.yaml, written exactly as on the invoice.", Zh: "请在 case.yaml 的 documents[%d] 中加上 buyer: \"...\"，与发票上写的完全一致。"},
	"invoice.buyer":             {En: "invoice %s is made out to %q, which is not one of your names (%s); %s accepts only invoices that name the seller", Zh: "发票 %s 开给 %q，这不是您的名称之一（%s）；%s 只接受写明卖家的发票"},
	"invoice.buyer.none":        {En: "invoice %s is made out to %q, which is not one of your names (none is given); %s accepts only invoices that name the seller", Zh: "发票 %s 开给 %q，这不是您的名称之一（case.yaml 未写任何名称）；%s 只接受写明卖家的发票"},
	"invoice.buyer.hint":        {En: "If %q is your company under another name, add it to seller.aliases; otherwise ask the supplier for an invoice made out to %s.", Zh: "如果 %q 是您公司的另一个名称，请把它加进 seller.aliases；否则请向供应商索取开给 %s 的发票。"},
	"loa.term.licensor":         {En: "licensor", Zh: "授权方"},
	"loa.term.licensee":         {En: "licensee", Zh: "被授权方"},
	"loa.term.grant":            {En: "grant", Zh: "授权内容"},
	"loa.term.scope":            {En: "geographic scope", Zh: "地域范围"},
	"loa.term.term":             {En: "term", Zh: "期限"},
	"loa.term.empty":            {En: "%s (%s: empty)", Zh: "%s（%s: 为空）"},
	"loa.missing":               {En: "authorization %s does not state %d of the terms %s requires in a letter of authorization: %s", Zh: "授权 %s 缺少 %[3]s 要求授权书写明的 %[2]d 项条款：%[4]s"},
	"loa.missing.exhibit":       {En: "authorization %s (exhibit %s) does not state %d of the terms %s requires in a letter of authorization: %s", Zh: "授权 %s（证据 %s）缺少 %[4]s 要求授权书写明的 %[3]d 项条款：%[5]s"},
	"loa.missing.hint":          {En: "If the letter states them, copy them into its fields %s in case.yaml; if it does not, ask %s for a letter that names the licensor, the licensee, the grant (trademarks and goods), the geographic scope and the term.", Zh: "如果授权书上写了，请把它们抄到 case.yaml 中的字段 %s；如果没写，请向 %s 索取一份写明授权方、被授权方、授权内容（商标和商品）、地域范围和期限的授权书。"},
	"loa.grantor":               {En: "the grantor", Zh: "授权方"},
	"tm.not_english":            {En: "trademark %q (%s) has no Latin letters; %s asks for an English trademark", Zh: "商标 %q（%s）不含拉丁字母；%s 要求提供英文商标"},
	"tm.not_english.hint":       {En: "If the brand also has a registered English (Latin-letter) mark, add that trademark; otherwise expect the reviewer to ask for one.", Zh: "如果该品牌还注册了英文（拉丁字母）商标，请加上那件商标；否则审核人员很可能会要求提供。"},
	"translation.needed":        {En: "%s is in %s; %s reads papers in %s and asks for a translation of the others", Zh: "%s 是%s文件；%s 只阅读%s文件，其他语言的文件须附译文"},
	"translation.needed.hint":   {En: "Have it translated into %s and name the translation (a PDF or picture) as `translation` of %s in case.yaml: it then follows the paper in the packet as part of %s.", Zh: "请把它译成%s，并在 case.yaml 中把译文（PDF 或图片）写为 %s 的 `translation`：译文将作为 %s 的一部分，排在原件之后。"},
	"translation.entry":         {En: "its entry", Zh: "其条目"},
	"translation.trademark":     {En: "trademark %s", Zh: "商标 %s"},
	"translation.authorization": {En: "authorization %s", Zh: "授权 %s"},
	"translation.document":      {En: "document %s", Zh: "文件 %s"},
	"translation.or":            {En: " or ", Zh: "或"},
	"lang.en":                   {En: "English", Zh: "英文"},
	"lang.zh":                   {En: "Chinese", Zh: "中文"},
	"lang.ja":                   {En: "Japanese", Zh: "日文"},
	"lang.ko":                   {En: "Korean", Zh: "韩文"},
	"lang.ru":                   {En: "Russian", Zh: "俄文"},
	"lang.th":                   {En: "Thai", Zh: "泰文"},
	"lang.ar":                   {En: "Arabic", Zh: "阿拉伯文"},
	"lang.es":                   {En: "Spanish", Zh: "西班牙文"},
	"lang.pt":                   {En: "Portuguese", Zh: "葡萄牙文"},
	"lang.fr":                   {En: "French", Zh: "法文"},
	"lang.de":                   {En: "German", Zh: "德文"},
	"lang.it":                   {En: "Italian", Zh: "意大利文"},
	"lang.nl":                   {En: "Dutch", Zh: "荷兰文"},
	"lang.tr":                   {En: "Turkish", Zh: "土耳其文"},
	"lang.id":                   {En: "Indonesian", Zh: "印尼文"},
	"lang.vi":                   {En: "Vietnamese", Zh: "越南文"},

	// papers.go
	"doc.not_read":                         {EnOne: "%s is scanned without a text layer and could not be read, so what case.yaml says of it was not compared with the paper", En: "%s are scanned without a text layer and could not be read, so what case.yaml says of them was not compared with the paper", Zh: "%s 是没有文字层的扫描件，无法读取，因此 case.yaml 中关于它们的内容没有与纸面文件核对"},
	"doc.not_read.hint":                    {En: "Install Tesseract (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-chi-sim; Windows and macOS: see tesseract-ocr.github.io) and check again: appealpacket then reads scans and checks the parties, numbers and dates on them, as the reviewer will.", Zh: "请安装 Tesseract（Debian/Ubuntu：apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-chi-sim；Windows 和 macOS：见 tesseract-ocr.github.io）后再检查一次：appealpacket 会像审核人员一样读取扫描件，核对上面的当事人、编号和日期。"},
	"doc.not_read.hint.off":                {En: "OCR was turned off (--ocr off). Check again without it: appealpacket then reads scans with Tesseract, when it is installed, and checks the parties, numbers and dates on them, as the reviewer will.", Zh: "OCR 已关闭（--ocr off）。去掉该选项再检查一次：若已安装 Tesseract，appealpacket 会像审核人员一样读取扫描件，核对上面的当事人、编号和日期。"},
	"doc.not_read.hint.unreadable":         {En: "Tesseract read no text on them. Scan the paper again (300 dpi, upright, in focus, the whole page) or ask its issuer for the PDF with a text layer, and check again.", Zh: "Tesseract 未能从中识别出文字。请重新扫描（300 dpi、端正、清晰、整页），或向出具方索取带文字层的 PDF，然后再检查一次。"},
	"doc.labelled":                         {En: "%s names %q as %s; case.yaml says %q", Zh: "%s 上的%[3]s是 %[2]q；case.yaml 写的是 %[4]q"},
	"doc.labelled.script":                  {En: "%s names the %[3]s only as %[2]q, in another script than case.yaml's %[4]q: this program cannot tell whether they are one company", Zh: "%s 上的%[3]s只写了 %[2]q，与 case.yaml 的 %[4]q 文字不同：本程序无法判断两者是否为同一家公司"},
	"doc.labelled.script.hint":             {En: "Make sure %[1]s names the same company as `%[2]s` in case.yaml (its registered name in the other language). A reviewer may ask for a paper that gives both names, such as a business licence.", Zh: "请确认 %[1]s 上的公司与 case.yaml 中 `%[2]s` 是同一家公司（其另一种语言的注册名称）。审核人员可能会要求提供同时写有两种名称的文件，例如营业执照。"},
	"doc.labelled.abbrev":                  {En: "%s names the %[3]s as %[2]q, case.yaml %[4]q: %[5]s may stand for %[6]s, but initials are no proof of one company", Zh: "%s 上的%[3]s写作 %[2]q，case.yaml 写的是 %[4]q：%[5]s 可能是 %[6]s 的缩写，但缩写不能证明是同一家公司"},
	"doc.labelled.abbrev.hint":             {En: "Make sure %[1]s names the company of `%[2]s` in case.yaml (%[3]q); a reviewer compares names as written, and a paper that gives the full name, such as its business licence, settles it.", Zh: "请确认 %[1]s 上的公司就是 case.yaml 中 `%[2]s` 的公司（%[3]q）；审核人员按原文比对名称，附上写有全称的文件（例如营业执照）即可说明。"},
	"doc.labelled.hint":                    {En: "Put in the %s that names %q, or correct `%s` in case.yaml to what the paper says: the reviewer reads the paper.", Zh: "请换上写明 %[2]q 的%[1]s，或把 case.yaml 中的 `%[3]s` 改成纸面文件上写的内容：审核人员看的是纸面文件。"},
	"doc.missing":                          {En: "%s does not show the %s %q that case.yaml gives (searched in its text layer)", Zh: "%s 上没有 case.yaml 所写的%s %q（在其文字层中查找）"},
	"doc.missing.ocr":                      {En: "%s does not show the %s %q that case.yaml gives (searched in its text, read by OCR)", Zh: "%s 上没有 case.yaml 所写的%s %q（在 OCR 识别的文字中查找）"},
	"doc.platform":                         {En: "%s does not name %s, which case.yaml gives it (`platforms`); it names %s", Zh: "%s 上没有写明 case.yaml 所给的平台 %s（`platforms`），只写了 %s"},
	"doc.platform.leftout":                 {En: "%s seems to leave out %s, which case.yaml gives it (`platforms`): “%s”", Zh: "%s 似乎排除了 case.yaml 所给的平台 %s（`platforms`）：“%s”"},
	"doc.platform.leftout.hint":            {En: "Read the sentence quoted from %s: if it withholds this platform, take it out of `platforms` or ask for a letter that grants it, since the packet would claim a right the reviewer can read is withheld; if it only sets terms for selling there (prices, accounts, regions), nothing is wrong.", Zh: "请阅读引自 %s 的句子：如果它确实不授权本平台，请从 `platforms` 中删去，或索取授权本平台的授权书，否则材料会声称一项审核人员能看出并未授予的权利；如果它只是规定在该平台销售的条件（价格、账号、地区），则没有问题。"},
	"doc.platform.hint":                    {En: "Check `platforms` against %s: the reviewer reads the platforms the letter grants, not case.yaml; if the letter does not cover this platform, ask for one that does.", Zh: "请按 %s 核对 `platforms`：审核人员看的是授权书写明的平台，而不是 case.yaml；如果授权书不包括本平台，请索取包括本平台的授权书。"},
	"doc.sublicense.denied":                {En: "%s says the grantee may not sublicense (“%s”), but case.yaml gives it `sublicense: true`, and the packet would say the grantee may", Zh: "%s 写明被授权方不得转授权（“%s”），但 case.yaml 写的是 `sublicense: true`，材料会据此写成被授权方可以转授权"},
	"doc.sublicense.denied.hint":           {En: "Read %s. If it withholds sublicensing, set `sublicense: false` on %s: the chain then shows which link needs a letter from someone who may grant it. If another clause allows it, the reviewer still reads this one: ask the grantor for a letter that says so plainly.", Zh: "请阅读 %s。如果授权书不允许转授权，请把 %s 的 `sublicense` 改为 false：授权链会指出哪一环需要有权授权者出具的授权书。如果另有条款允许转授权，审核人员仍会读到这一句：请让授权方出具写明可以转授权的授权书。"},
	"doc.sublicense.granted":               {En: "%s says the grantee may sublicense (“%s”), but case.yaml leaves `sublicense` false, so the packet says it may not", Zh: "%s 写明被授权方可以转授权（“%s”），但 case.yaml 中 `sublicense` 为 false，材料会据此写成不得转授权"},
	"doc.sublicense.granted.hint":          {En: "If %s lets the grantee authorize others, set `sublicense: true` on %s in case.yaml: a chain whose next link rests on that right needs it.", Zh: "如果 %s 允许被授权方再授权他人，请在 case.yaml 中把 %s 的 `sublicense` 设为 true：下一环依赖这一权利的授权链需要它。"},
	"doc.territory":                        {En: "%s gives its territory as “%s”; case.yaml gives it worldwide (`territories`), and the packet would say so", Zh: "%s 写明的授权地域是“%s”；case.yaml 写的是全球（`territories`），材料会据此写成全球"},
	"doc.territory.beyond":                 {En: "%s gives its territory as “%s”, which does not cover %s that case.yaml gives it (`territories`), and the packet would say it does", Zh: "%s 写明的授权地域是“%s”，不包括 case.yaml 所写的 %s（`territories`），材料却会写成包括"},
	"doc.territory.beyond.hint":            {En: "Set `territories` on %[2]s to what %[1]s says: the chain then checks that it covers the platform's market. If the letter should grant more, ask the grantor for one that does.", Zh: "请把 %[2]s 的 `territories` 改成 %[1]s 上写的地域：授权链会据此核对是否覆盖平台的市场。如果授权应覆盖更多地域，请让授权方出具写明这些地域的授权书。"},
	"doc.territory.unlabelled":             {En: "%s speaks of use in “%s” and states no territory under a label; case.yaml gives it worldwide (`territories`), and the packet would say so", Zh: "%s 写到在“%s”使用或销售，未单列授权地域；case.yaml 写的是全球（`territories`），材料会据此写成全球"},
	"doc.territory.unlabelled.hint":        {En: "Read %[1]s: if that is where it lets the seller use the mark, set `territories` on %[2]s to it (the chain then checks that it covers the platform's market); if the letter grants more, nothing is wrong.", Zh: "请阅读 %[1]s：如果这就是授权使用的地域，请把 %[2]s 的 `territories` 改成它（授权链会据此核对是否覆盖平台的市场）；如果授权书授予的范围更大，则无需处理。"},
	"doc.territory.unlabelled.beyond":      {En: "%s speaks of use in “%s”, which does not cover %s that case.yaml gives it (`territories`); it states no territory under a label", Zh: "%s 写到在“%s”使用或销售，不包括 case.yaml 所写的 %s（`territories`）；授权书未单列授权地域"},
	"doc.territory.unlabelled.beyond.hint": {En: "Read %[1]s: if that is where it lets the seller use the mark, set `territories` on %[2]s to it; if the letter grants more, nothing is wrong.", Zh: "请阅读 %[1]s：如果这就是授权使用的地域，请把 %[2]s 的 `territories` 改成它；如果授权书授予的范围更大，则无需处理。"},
	"doc.territory.hint":                   {En: "Set `territories` on %[2]s to what %[1]s says: the chain then checks that it covers the platform's market. If the letter should grant the whole world, ask the grantor for one that does.", Zh: "请把 %[2]s 的 `territories` 改成 %[1]s 上写的地域：授权链会据此核对是否覆盖平台的市场。如果授权应覆盖全球，请让授权方出具写明全球的授权书。"},
	"doc.signer":                           {En: "%s is signed digitally by %s for “%s”, a company the letter names nowhere (its grantor is %s)", Zh: "%s 的数字签名由 %s 代表“%s”签署，授权书中没有出现该公司（授权方是 %s）"},
	"doc.signer.hint":                      {En: "The packet shows who signed %s. If “%s” signs for the grantor (a parent company, an agent), add a paper that shows it may; otherwise ask the grantor to sign the letter itself.", Zh: "材料会显示 %s 的签署人。如果“%s”代表授权方签署（母公司、代理人），请附上证明其有权代签的文件；否则请让授权方亲自签署授权书。"},
	"doc.signer.grantee":                   {En: "%s is signed digitally by %s for “%s”, the party it authorizes, not for its grantor %s: a letter signed by its grantee shows nothing of the grant", Zh: "%s 的数字签名由 %s 代表“%s”签署，即被授权方本身，而不是授权方 %s：由被授权方签署的授权书不能证明授权"},
	"doc.signer.grantee.hint":              {En: "Ask the grantor to sign %s (by hand and seal, or with its own certificate): “%s” cannot authorize itself.", Zh: "请让授权方签署 %s（亲笔签名并盖章，或使用授权方自己的证书）：“%s”不能授权给自己。"},
	"doc.blank":                            {En: "%s (%s) is blank: its pages show no text, no picture and no drawing, so the packet would cite an empty page as the %s", Zh: "%s（%s）是空白的：其页面上没有文字、图片或图形，材料会把一张空白页当作%s引用"},
	"doc.blank.hint":                       {En: "Open %s: an export or a print to PDF that went wrong leaves an empty file. Point case.yaml to the file that shows the paper.", Zh: "请打开 %s：导出或打印成 PDF 出错时会留下空文件。请让 case.yaml 指向显示该文件内容的文件。"},
	"doc.none":                             {En: "%s shows none of what case.yaml says of it (%s are not in its text layer): a reviewer who reads it finds none of it, so the packet would cite it for what it does not show", Zh: "%s 的文字层中找不到 case.yaml 所写的任何内容（%s）：审核人员阅读该文件时看不到这些内容，材料却会引用它来证明这些内容"},
	"doc.none.hint":                        {En: "Open %s: is it the right file, and is it the %s case.yaml says? Point case.yaml to the right file, or give the names and dates as the paper writes them.", Zh: "请打开 %s：文件是否正确，是否确为 case.yaml 所说的%s？请让 case.yaml 指向正确的文件，或按文件上的写法填写名称和日期。"},
	"doc.missing.hint":                     {En: "Check that %s is the right paper and that `%s` is spelt as on it (a name the paper gives differently goes in seller.aliases).", Zh: "请确认 %s 是正确的文件，并且 `%s` 的写法与文件上一致（文件上写法不同的名称请放进 seller.aliases）。"},
	"doc.missing.hint.ocr":                 {En: "Check that %s is the right paper and that `%s` is spelt as on it (a name the paper gives differently goes in seller.aliases). OCR may have misread a blurred or small scan: a sharper scan at 300 dpi helps.", Zh: "请确认 %s 是正确的文件，并且 `%s` 的写法与文件上一致（文件上写法不同的名称请放进 seller.aliases）。模糊或过小的扫描件可能被 OCR 误读：以 300 dpi 重新清晰扫描会有帮助。"},
	"doc.date":                             {En: "%s does not show the %s %s that case.yaml gives (`%s`)", Zh: "%s 上没有 case.yaml 所写的%s %s（`%s`）"},
	"doc.date.shows":                       {En: "; the dates it shows are %s", Zh: "；文件上的日期为 %s"},
	"doc.term":                             {En: "%s gives its term as %s; case.yaml says %s (`from`, `to`)", Zh: "%s 写明的授权期限是 %s；case.yaml 写的是 %s（`from`、`to`）"},
	"doc.term.hint":                        {En: "Give `from` and `to` as %s states them: the chain must rest on the dates the letter grants. If a later letter extends the term, add it as another authorization.", Zh: "请按 %s 上写明的期限填写 `from` 和 `to`：授权链必须以授权书授予的日期为依据。如果另有授权书延长了期限，请把它作为另一份授权加入。"},
	"term.to":                              {En: " to ", Zh: " 至 "},
	"doc.date.stated":                      {En: "%s gives its %s as %s; case.yaml says %s (`%s`)", Zh: "%s 上写明的%s是 %s；case.yaml 写的是 %s（`%s`）"},
	"doc.date.hint":                        {En: "Check `%s` against the paper: the reviewer compares the dates the packet claims with the ones on %s.", Zh: "请对照纸面文件核对 `%s`：审核人员会把材料包所称的日期与 %s 上的日期对比。"},
	"claim.mark":                           {En: "mark", Zh: "商标"},
	"claim.registration number":            {En: "registration number", Zh: "注册号"},
	"claim.owner":                          {En: "owner", Zh: "注册人"},
	"claim.grantor":                        {En: "grantor", Zh: "授权方"},
	"claim.grantee":                        {En: "grantee", Zh: "被授权方"},
	"claim.buyer":                          {En: "buyer", Zh: "买方"},
	"claim.start date":                     {En: "start date", Zh: "起始日期"},
	"claim.end date":                       {En: "end date", Zh: "截止日期"},
	"claim.date":                           {En: "date", Zh: "日期"},
	"claim.registration date":              {En: "registration date", Zh: "注册日期"},
	"claim.expiry date":                    {En: "expiry date", Zh: "有效期截止日期"},
	"paper.certificate":                    {En: "certificate", Zh: "证书"},
	"paper.letter":                         {En: "letter", Zh: "授权书"},
	"paper.document":                       {En: "document", Zh: "文件"},

	// todo.go
	"todo.item":      {En: "%s at line %d is %s", Zh: "第 %[2]d 行的 %[1]s 仍是 %[3]s"},
	"todo.item.what": {En: "%s at line %d is %s (%s)", Zh: "第 %[2]d 行的 %[1]s 仍是 %[3]s（%[4]s）"},
	"todo.line":      {En: "%s (line %d)", Zh: "%s（第 %d 行）"},
	"todo.with_hint": {En: "%s — %s", Zh: "%s——%s"},
	"todo.list":      {EnOne: "%d field of case.yaml still to fill in:\n- %s", En: "%d fields of case.yaml still to fill in:\n- %s", Zh: "case.yaml 中还有 %d 个字段要填写：\n- %s"},
	"todo.hint":      {En: "Replace each %s with the value the papers show, or delete the line if it does not apply; `appealpacket init` writes %s wherever the files cannot tell.", Zh: "请把每个 %s 换成文件上写的值，不适用的行请删除；`appealpacket init` 在从文件中看不出的地方都写了 %s。"},
	"todo.hint.fill": {En: "Fill in each field named, as the papers show it.", Zh: "请按文件上的内容填写上面列出的每个字段。"},
}

// text formats a message in the check's language.
func (in Input) text(key string, args ...any) string { return messages.Text(in.Lang, key, args...) }

// count formats a message whose English wording depends on n.
func (in Input) count(key string, n int, args ...any) string {
	return messages.Count(in.Lang, key, n, args...)
}

// series joins items as a list: "a, b and c"; "a、b和c".
func series(l i18n.Lang, items []string, key string) string {
	sep := messages.Text(l, "list.sep")
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return messages.Text(l, key, strings.Join(items[:len(items)-1], sep), items[len(items)-1])
}

// source is the suffix naming where a profile rule comes from, "" when
// the profile names no source (the source itself is quoted as written).
func source(l i18n.Lang, prof *profile.Profile, name string) string {
	for _, r := range prof.Rules() {
		if r.Name == name && r.Source != "" {
			return messages.Text(l, "rule.source", r.Source, r.Confidence)
		}
	}
	return ""
}

// languageName names a language code doctext.Language returns, in l.
func languageName(l i18n.Lang, code string) string {
	if _, ok := messages["lang."+code]; ok {
		return messages.Text(l, "lang."+code)
	}
	return code
}

// body names a camera body in the findings' language: exif.Body.String
// ("Canon EOS 90D, serial 083021004417"), in Chinese "Canon EOS 90D，序列号
// 083021004417".
func (in Input) body(b exif.Body) string {
	switch {
	case b.Serial == "":
		return b.Camera
	case b.Internal:
		return in.text("photo.body.internal", b.Camera, b.Serial)
	}
	return in.text("photo.body", b.Camera, b.Serial)
}
