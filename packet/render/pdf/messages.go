package pdf

import (
	"fmt"

	"appealpacket/internal/i18n"
	"appealpacket/packet/manifest"
)

// messages are the words of the packet PDF, in English and Chinese. The
// Chinese packet's prose is Chinese; its table labels and section titles
// are bilingual ("拍摄时间 Taken") so that an English-reading reviewer finds
// the same facts; exhibit IDs, hashes, file names and codes never change.
var messages = i18n.Catalog{
	// Letters.
	"letter.withdrawal-request": {En: "Withdrawal request", Zh: "撤回投诉请求函"},
	"letter.form-text":          {En: "Form text", Zh: "申诉表单文本"},

	// Page frame.
	"page.footer":       {En: "Appeal packet · %s", Zh: "申诉材料 · %s"},
	"page.footer.part":  {En: "Part %d of %d · %s", Zh: "第 %d 部分，共 %d 部分 · %s"},
	"page.number":       {En: "page %d", Zh: "第 %d 页"},
	"page.number.total": {En: "page %d of %d", Zh: "第 %d 页，共 %d 页"},
	"table.cut":         {En: "… (cut to fit the page)", Zh: "……（为适应页面已截断）"},
	"table.more": {EnOne: "… %d more line does not fit on this page; see the XLSX index.",
		En: "… %d more line(s) do not fit on this page; see the XLSX index.", Zh: "……另有 %d 行在本页放不下，请见 XLSX 索引。"},
	"doc.title":   {En: "Appeal packet %s", Zh: "申诉材料 %s"},
	"doc.subject": {En: "%s complaint on %s", Zh: "%[2]s 平台%[1]s投诉"},

	// Section names (stamps, bookmarks, contents).
	"section.Cover":     {En: "Cover", Zh: "封面 Cover"},
	"section.Statement": {En: "Statement", Zh: "申诉书 Statement"},
	"section.Index":     {En: "Index of exhibits", Zh: "证据索引 Index of exhibits"},
	"section.Chain":     {En: "Authorization chain", Zh: "授权链 Authorization chain"},
	"section.Timeline":  {En: "Timeline", Zh: "时间线 Timeline"},
	"section.Exhibits":  {En: "Exhibits", Zh: "证据 Exhibits"},
	"section.Hashes":    {En: "Appendix: file hashes", Zh: "附录：文件哈希值 Appendix: file hashes"},

	// Cover.
	"cover.title":      {En: "Appeal evidence packet", Zh: "申诉证据材料"},
	"cover.subtitle":   {En: "%s · %s · %s complaint", Zh: "%s · %s · %s投诉"},
	"cover.parts.head": {En: "Part %d of %d. ", Zh: "第 %d 部分，共 %d 部分。"},
	"cover.parts.body": {En: "The packet is split to fit the platform's upload limit; send every part: %s. The index lists where each exhibit is.",
		Zh: "为符合平台的上传大小限制，材料已分为多个文件，请全部提交：%s。证据索引列出每份证据所在的文件。"},
	"cover.case":        {En: "Case / complaint number", Zh: "投诉编号 Case number"},
	"cover.platform":    {En: "Platform", Zh: "平台 Platform"},
	"cover.type":        {En: "Complaint type", Zh: "投诉类型 Complaint type"},
	"cover.date":        {En: "Complaint date", Zh: "投诉日期 Complaint date"},
	"cover.complainant": {En: "Complainant", Zh: "投诉方 Complainant"},
	"cover.seller":      {En: "Seller (legal name)", Zh: "卖家（法定名称） Seller"},
	"cover.store":       {En: "Store", Zh: "店铺 Store"},
	"cover.prepared":    {En: "Prepared on", Zh: "制作日期 Prepared on"},
	"cover.exhibits":    {En: "Exhibits", Zh: "证据 Exhibits"},
	"cover.pages":       {En: "Pages", Zh: "页数 Pages"},
	"cover.storeid":     {En: "%s (store ID %s)", Zh: "%s（店铺 ID %s）"},
	"cover.aliases":     {En: "%s (also %s)", Zh: "%s（又名 %s）"},
	"cover.guide": {En: "How to read this packet: the statement cites exhibits by ID (click an ID to open it). " +
		"Every exhibit page carries the case number, its exhibit ID and its page within the exhibit. " +
		"The appendix lists the SHA-256 of every original file, so that the originals can be verified when requested.",
		Zh: "阅读说明：申诉书按编号引用证据（点击编号即可打开）。每一证据页都标有投诉编号、证据编号及其在该证据中的页码。附录列出每个原始文件的 SHA-256 值，以便在需要时核验原件。"},
	"cover.contents": {En: "Contents: ", Zh: "目录："},
	"cover.toc":      {En: "%s p. %d", Zh: "%s 第 %d 页"},
	"cover.toc.sep":  {En: " · ", Zh: " · "},
	"verdict.blocked.w1": {EnOne: "NOT READY: %d blocking issue, %d warning in the evidence. Built with --force; fix it before appealing.",
		En: "NOT READY: %d blocking issues, %d warning in the evidence. Built with --force; fix these before appealing.", Zh: "尚未就绪：证据有 %d 个阻断问题、%d 个警告。本材料以 --force 强制生成，提交申诉前请先解决这些问题。"},
	"verdict.blocked": {EnOne: "NOT READY: %d blocking issue, %d warnings in the evidence. Built with --force; fix it before appealing.",
		En: "NOT READY: %d blocking issues, %d warnings in the evidence. Built with --force; fix these before appealing.", Zh: "尚未就绪：证据有 %d 个阻断问题、%d 个警告。本材料以 --force 强制生成，提交申诉前请先解决这些问题。"},
	"verdict.warn": {En: "Ready: no blocking issue in the evidence.", Zh: "已就绪：证据没有阻断问题。"},
	"verdict.ok":   {En: "Ready: every check of the evidence passed.", Zh: "已就绪：对证据的全部检查均已通过。"},
	"stakes.points": {EnOne: "this complaint carries %d intellectual-property point",
		En: "this complaint carries %d intellectual-property point(s)", Zh: "本次投诉涉及 %d 个知识产权扣分"},
	"stakes.frozen":    {En: "funds frozen while it is open: %s", Zh: "投诉处理期间冻结的资金：%s"},
	"stakes.sep":       {En: "; ", Zh: "；"},
	"stakes.head":      {En: "At stake: %s.", Zh: "影响：%s。"},
	"stakes.ali":       {En: " On AliExpress, 12 points (and every further multiple of 12) freeze the account for 7 days, and 48 points close the shop.", Zh: "在速卖通（AliExpress），累计 12 分（及其后每满 12 分）冻结账户 7 天，累计 48 分关闭店铺。"},
	"stakes.ali.close": {En: " These points alone reach the closing threshold.", Zh: "仅本次扣分即已达到关店门槛。"},
	"stakes.once":      {En: " A serious-infringement judgement can be appealed only once: send this packet when every check passes.", Zh: "严重侵权判定只能申诉一次：请在全部检查通过后再提交本材料。"},

	// Exhibit kinds, as counted on the cover and grouped in the outline.
	"kind.L":       {EnOne: "%d listing picture (L)", En: "%d listing pictures (L)", Zh: "商品图片 %d 张 (L)"},
	"kind.P":       {EnOne: "%d original photo (P)", En: "%d original photos (P)", Zh: "原始照片 %d 张 (P)"},
	"kind.P.any":   {EnOne: "%d photo (P)", En: "%d photos (P)", Zh: "照片 %d 张 (P)"},
	"kind.T":       {EnOne: "%d trademark certificate (T)", En: "%d trademark certificates (T)", Zh: "商标注册证 %d 份 (T)"},
	"kind.T.any":   {EnOne: "%d trademark paper (T)", En: "%d trademark papers (T)", Zh: "商标文件 %d 份 (T)"},
	"kind.A":       {EnOne: "%d authorization (A)", En: "%d authorizations (A)", Zh: "授权书 %d 份 (A)"},
	"kind.D":       {EnOne: "%d other document (D)", En: "%d other documents (D)", Zh: "其他文件 %d 份 (D)"},
	"kinds.sep":    {En: ", ", Zh: "，"},
	"group.L":      {En: "Listing pictures", Zh: "商品图片 Listing pictures"},
	"group.P":      {En: "Original photos", Zh: "原始照片 Original photos"},
	"group.P.any":  {En: "Photos", Zh: "照片 Photos"},
	"group.T":      {En: "Trademark certificates", Zh: "商标注册证 Trademark certificates"},
	"group.A":      {En: "Authorizations", Zh: "授权书 Authorizations"},
	"group.D":      {En: "Other documents", Zh: "其他文件 Other documents"},
	"platform.any": {En: "the platform", Zh: "平台"},

	// Statement's key evidence.
	"key.title":        {En: "Key evidence", Zh: "关键证据 Key evidence"},
	"key.intro":        {En: "Each listing picture beside the original photo it was made from. A green frame marks where the comparison finds the listing picture in the original.", Zh: "每张商品图片与其所用的原始照片并列展示。绿色框标出比对在原始照片中找到商品图片的位置。"},
	"key.intro.copies": {En: "Each listing picture beside the photo it was made from; a photo marked in red is not its camera's original file. A green frame marks where the comparison finds the listing picture in the photo.", Zh: "每张商品图片与其所用的照片并列展示；标红的照片不是相机原始文件。绿色框标出比对在照片中找到商品图片的位置。"},
	"key.notoriginal":  {En: "%s is not its camera's original file (see its page).", Zh: "%s 不是相机原始文件（见其证据页）。"},
	"key.made":         {En: "%s was made from %s", Zh: "%s 由 %s 制作"},
	"key.declared":     {En: "%s is declared by the seller to be made from %s", Zh: "卖家声明 %s 由 %s 制作"},
	"key.matched":      {En: "Matched: distance %d of %d (%d or less is the same picture, resized, cropped or recompressed).", Zh: "比对一致：距离 %d（满分 %d；%d 及以下即为同一张图片经缩放、裁剪或重新压缩）。"},
	"key.c2pa":         {En: "Its signed Content Credentials name the original as the picture it was made from.", Zh: "其签名的内容凭证（Content Credentials）指明该原始照片为其来源。"},
	"key.unconfirmed":  {En: "Not confirmed by the comparison of the two pictures.", Zh: "两张图片的比对未能证实。"},
	"key.noexif":       {En: "The original carries no camera metadata.", Zh: "原始照片没有相机元数据。"},
	"key.camera":       {En: "Camera: ", Zh: "相机 Camera："},
	"key.cred":         {En: "Content Credentials: ", Zh: "内容凭证 Content Credentials："},
	"body.serial":      {En: "%s, serial %s", Zh: "%s，序列号 %s"},
	"body.internal":    {En: "%s, internal serial %s", Zh: "%s，内部序列号 %s"},
	"key.notime":       {En: "The original records no capture time.", Zh: "原始照片未记录拍摄时间。"},
	"key.taken":        {En: "Taken: ", Zh: "拍摄时间 Taken："},
	"key.before":       {EnOne: ", %d day before the listing went live on %s", En: ", %d days before the listing went live on %s", Zh: "，早于商品上架日（%[2]s）%[1]d 天"},
	"key.sameday":      {En: ", the day the listing went live (%s)", Zh: "，即商品上架当天（%s）"},
	"key.after":        {En: ", after the listing went live on %s", Zh: "，晚于商品上架日（%s）"},
	"key.without":      {En: "No original photo is in this packet for %s.", Zh: "本材料中没有 %s 的原始照片。"},
	"list.sep":         {En: ", ", Zh: "、"},

	// Content Credentials (C2PA), as the picture's facts say them.
	"c2pa.remote":     {En: "refers to Content Credentials kept elsewhere (%s), not fetched, so not checked", Zh: "引用存放在别处的内容凭证（%s），未获取，因此未核验"},
	"c2pa.unreadable": {En: "Content Credentials that cannot be read: %s", Zh: "无法读取的内容凭证：%s"},
	"c2pa.invalid":    {En: "Content Credentials that do not validate (%s): the file was changed after it was signed, or the credentials are damaged", Zh: "未通过验证的内容凭证（%s）：文件在签名后被修改，或凭证已损坏"},
	"c2pa.valid":      {En: "valid Content Credentials", Zh: "有效的内容凭证"},
	"c2pa.signed":     {En: "%s, signed by %s", Zh: "%s，签名人 %s"},
	"c2pa.stamped":    {En: "%s, time-stamped %s", Zh: "%s，时间戳 %s"},
	"c2pa.captured":   {En: "%s; captured with %s", Zh: "%s；拍摄设备 %s"},
	"c2pa.serial":     {En: "%s, serial %s", Zh: "%s，序列号 %s"},
	"c2pa.at":         {En: "%s at %s", Zh: "%s，拍摄于 %s"},
	"c2pa.unchanged":  {En: "%s; the file is unchanged since it was signed (its hash matches)", Zh: "%s；文件自签名后未被修改（哈希值一致）"},
	"c2pa.trusted":    {En: "%s; the signer's certificate chains to the trust list this packet was checked with", Zh: "%s；签名人证书可追溯至本材料核验所用的信任列表"},
	"c2pa.untrusted":  {En: "%s; the signer's certificate is not on a trust list this packet checked", Zh: "%s；签名人证书不在本材料核验的信任列表中"},

	// Index and appendix.
	"index.exhibit":     {En: "Exhibit", Zh: "证据 Exhibit"},
	"index.description": {En: "Description", Zh: "说明 Description"},
	"index.file":        {En: "File", Zh: "文件 File"},
	"index.pages":       {En: "Pages", Zh: "页码 Pages"},
	"index.partpages":   {En: "Part, pages", Zh: "部分、页码 Part, pages"},
	"index.part":        {En: "part %d, %s", Zh: "第 %d 部分，%s"},
	"appendix.title":    {En: "Appendix: SHA-256 of every original file", Zh: "附录：每个原始文件的 SHA-256 Appendix: file hashes"},
	"appendix.intro": {En: "Each line identifies one original file of the case exactly. To verify a file sent on request: " +
		"sha256sum FILE (Linux), shasum -a 256 FILE (macOS) or certutil -hashfile FILE SHA256 (Windows) must print the value below.",
		Zh: "每一行唯一标识本案的一个原始文件。核验应要求提供的文件时，sha256sum FILE（Linux）、shasum -a 256 FILE（macOS）或 certutil -hashfile FILE SHA256（Windows）输出的值必须与下表一致。"},
	"appendix.bytes": {En: "Bytes", Zh: "字节 Bytes"},

	// Exhibit pages.
	"exhibit.stamp":       {En: "Exhibit %s · page %d of %d", Zh: "证据 Exhibit %s · 第 %d 页，共 %d 页"},
	"exhibit.stamp.tr":    {En: "Exhibit %s, translation · page %d of %d", Zh: "证据 Exhibit %s 译文 · 第 %d 页，共 %d 页"},
	"exhibit.title":       {En: "Exhibit %s — %s", Zh: "证据 Exhibit %s — %s"},
	"exhibit.title.tr":    {En: "Exhibit %s, translation — %s", Zh: "证据 Exhibit %s 译文 — %s"},
	"fact.translationof":  {En: "Translation of", Zh: "原文 Translation of"},
	"fact.signature":      {En: "Digital signature", Zh: "数字签名 Digital signature"},
	"fact.original":       {En: "Original file", Zh: "原始文件 Original file"},
	"fact.file":           {En: "File", Zh: "文件 File"},
	"fact.filesize":       {En: "%s (%s bytes)", Zh: "%s（%s 字节）"},
	"fact.sourcepage":     {En: "Source page", Zh: "原文件页码 Source page"},
	"fact.pageof":         {En: "%d of %d", Zh: "第 %d 页，共 %d 页"},
	"side.listing":        {En: "Listing picture (as published)", Zh: "商品图片（发布原样）"},
	"side.matched":        {En: "Made from original %s (matched, distance %d of %d)", Zh: "由原始照片 %s 制作（比对一致，距离 %d，满分 %d）"},
	"side.c2pa":           {En: "Made from original %s (named by its signed Content Credentials)", Zh: "由原始照片 %s 制作（由其签名的内容凭证指明）"},
	"side.matched.copy":   {En: "Made from %s (matched, distance %d of %d), which is not its camera's original file", Zh: "由 %s 制作（比对一致，距离 %d，满分 %d），该照片不是相机原始文件"},
	"side.c2pa.copy":      {En: "Made from %s (named by its signed Content Credentials), which is not its camera's original file", Zh: "由 %s 制作（由其签名的内容凭证指明），该照片不是相机原始文件"},
	"side.declared":       {En: "Declared by the seller: made from %s (not confirmed by comparison)", Zh: "卖家声明：由 %s 制作（比对未证实）"},
	"side.noorigin":       {En: "No photo in this packet was found to be the original of this listing picture.", Zh: "本材料中没有找到这张商品图片的原始照片。"},
	"content.cannot":      {En: "This file cannot be shown as a picture.", Zh: "该文件无法显示为图片。"},
	"content.unreadable":  {En: "This file could not be read: %s", Zh: "该文件无法读取：%s"},
	"content.hash":        {En: " Its SHA-256 is in the appendix; the original is available on request.", Zh: "其 SHA-256 值见附录；可应要求提供原件。"},
	"fact.exif":           {En: "EXIF", Zh: "EXIF"},
	"fact.exif.none":      {En: "none: the file carries no camera metadata", Zh: "无：该文件没有相机元数据"},
	"fact.camera":         {En: "Camera", Zh: "相机 Camera"},
	"fact.serial":         {En: "Camera body serial", Zh: "机身序列号 Body serial"},
	"fact.lens":           {En: "Lens", Zh: "镜头 Lens"},
	"fact.taken":          {En: "Taken", Zh: "拍摄时间 Taken"},
	"fact.software":       {En: "Software", Zh: "软件 Software"},
	"note.english":        {En: "%s", Zh: "读取文件时的技术提示（英文原文）：%s"},
	"fact.gps":            {En: "GPS", Zh: "GPS"},
	"fact.rewritten":      {En: " (the file was saved by %s, a program made to change EXIF: not necessarily the camera's)", Zh: "（文件由 EXIF 修改软件 %s 保存过：不一定是相机记录的）"},
	"fact.pixels":         {En: "Pixel size", Zh: "像素尺寸 Pixel size"},
	"fact.pixels.value":   {En: "%d × %d (orientation %s)", Zh: "%d × %d（方向 %s）"},
	"fact.listing":        {En: "Listing", Zh: "商品 Listing"},
	"fact.c2pa":           {En: "Content Credentials", Zh: "内容凭证 Content Credentials"},
	"fact.sha":            {En: "SHA-256", Zh: "SHA-256"},
	"fact.imagehash":      {En: "Image-data hash", Zh: "图像数据哈希 Image-data hash"},
	"fact.note":           {En: "Note", Zh: "备注 Note"},
	"serial.internal":     {En: "%s, the maker's internal serial", Zh: "%s，厂商内部序列号"},
	"serial.exif":         {En: "%s (EXIF %s)", Zh: "%s（EXIF %s）"},
	"serial.makernotes":   {En: "%s (%s maker notes)", Zh: "%s（%s 厂商注释）"},
	"fact.listingid":      {En: "Listing ID", Zh: "商品 ID Listing ID"},
	"fact.title":          {En: "Title", Zh: "标题 Title"},
	"fact.url":            {En: "URL", Zh: "URL"},
	"fact.published":      {En: "Published", Zh: "上架日期 Published"},
	"fact.originalphoto":  {En: "Original photo", Zh: "原始照片 Original photo"},
	"fact.sourcephoto":    {En: "Made from", Zh: "所用照片 Made from"},
	"fact.edited":         {En: "Edited after capture", Zh: "拍摄后经过编辑 Edited after capture"},
	"origins.none":        {En: "none in this packet", Zh: "本材料中没有"},
	"origins.matched":     {En: "%s (matched, distance %d of %d)", Zh: "%s（比对一致，距离 %d，满分 %d）"},
	"origins.notoriginal": {En: "%s, not its camera's original file", Zh: "%s（非相机原始文件）"},
	"origins.c2pa":        {En: "%s (named by the picture's signed Content Credentials; the comparison does not find it)", Zh: "%s（由图片签名的内容凭证指明；比对未找到）"},
	"origins.declared":    {En: "%s (declared by the seller; the comparison does not confirm it)", Zh: "%s（卖家声明；比对未证实）"},
	"origins.sep":         {En: "; ", Zh: "；"},
	"origins.threshold":   {En: "%s. A distance of %d or less means the same picture, resized, cropped or recompressed.", Zh: "%s。距离 %d 及以下即为同一张图片经缩放、裁剪或重新压缩。"},
	"fact.mark":           {En: "Mark", Zh: "商标 Mark"},
	"fact.mark.value":     {En: "%s (%s)", Zh: "%s（%s）"},
	"fact.office":         {En: "Office / number", Zh: "注册机关 / 注册号 Office / number"},
	"fact.classes":        {En: "Classes", Zh: "类别 Classes"},
	"fact.owner":          {En: "Owner", Zh: "注册人 Owner"},
	"fact.filed":          {En: "Filed / registered", Zh: "申请 / 注册日期 Filed / registered"},
	"fact.expires":        {En: "Expires", Zh: "有效期至 Expires"},
	"fact.parties":        {En: "Grantor → grantee", Zh: "授权方 → 被授权方 Grantor → grantee"},
	"fact.trademarks":     {En: "Trademarks", Zh: "商标 Trademarks"},
	"fact.valid":          {En: "Valid", Zh: "有效期 Valid"},
	"fact.platforms":      {En: "Platforms", Zh: "平台 Platforms"},
	"fact.territories":    {En: "Territories", Zh: "地域 Territories"},
	"fact.goods":          {En: "Goods", Zh: "商品范围 Goods"},
	"fact.sublicense":     {En: "May sublicense", Zh: "可否转授权 May sublicense"},
	"yes":                 {En: "yes", Zh: "是 yes"},
	"no":                  {En: "no", Zh: "否 no"},
	"all.platforms":       {En: "all platforms", Zh: "所有平台"},
	"worldwide":           {En: "worldwide", Zh: "全球"},
	"fact.kind":           {En: "Kind", Zh: "类型 Kind"},
	"fact.date":           {En: "Date", Zh: "日期 Date"},
	"fact.filename":       {En: "File name", Zh: "文件名 File name"},
	"range.from":          {En: "from %s", Zh: "%s 起"},
	"range.until":         {En: "until %s", Zh: "至 %s"},
	"range.both":          {En: "%s to %s", Zh: "%s 至 %s"},
	"orient.none":         {En: "not recorded", Zh: "未记录"},
	"orient.1":            {En: "1, upright", Zh: "1，正向"},
	"orient.3":            {En: "3, shown rotated 180°", Zh: "3，已旋转 180° 显示"},
	"orient.6":            {En: "6, shown rotated 90° clockwise", Zh: "6，已顺时针旋转 90° 显示"},
	"orient.8":            {En: "8, shown rotated 90° counter-clockwise", Zh: "8，已逆时针旋转 90° 显示"},
	"orient.other":        {En: "%d, shown corrected", Zh: "%d，已校正显示"},
	"sig.unnamed":         {En: "an unnamed signer", Zh: "未具名的签名人"},
	"sig.by":              {En: "%s by %s", Zh: "%[2]s 的%[1]s"},
	"sig.declared":        {En: "%s, %s (the time the signer's computer declared)", Zh: "%s，%s（签名人计算机声明的时间）"},
	"sig.whole":           {En: "%s; it verifies and covers the whole file.", Zh: "%s；验证通过，且覆盖整个文件。"},
	"sig.changed":         {En: "%s; it verifies, but the file was changed after signing (the signature covers an earlier version).", Zh: "%s；验证通过，但文件在签名后被修改（签名覆盖的是较早的版本）。"},
	"sig.selfsigned":      {En: " Its certificate is self-signed: nobody but the signer vouches for the name in it.", Zh: "其证书为自签名证书：除签名人自己外，没有任何机构为其中的名称作保。"},
	"sig.unchecked":       {En: "%s; this program did not check it: %s.", Zh: "%s；本程序未核验：%s。"},
	"sig.kind.signature":  {En: "signature", Zh: "签名"},
	"sig.kind.timestamp":  {En: "document timestamp", Zh: "文档时间戳"},
	"sig.bad":             {En: "%s; it does not verify: %s.", Zh: "%s；验证未通过：%s。"},
	"sig.copy":            {En: "%s These pages are a copy, without the signature: it can be checked in the original file, embedded in this packet when it fits the size limit.", Zh: "%s这些页面是不含签名的副本：签名可在原始文件中核验；原始文件在大小允许时已嵌入本材料。"},

	// Authorization chain.
	"chain.heading":         {En: "Authorization chain: %s", Zh: "授权链 Authorization chain：%s"},
	"chain.window":          {En: "The seller must be authorized from %s (%s) to %s (%s).", Zh: "卖家须在 %s（%s）至 %s（%s）期间获得授权。"},
	"chain.window1":         {En: "The seller must be authorized on %s (%s).", Zh: "卖家须在 %s（%s）获得授权。"},
	"chain.rejected":        {En: "Chains and paths not used", Zh: "未采用的授权链与路径"},
	"chain.nolink":          {En: "(no link)", Zh: "（无授权环节）"},
	"chain.noparty":         {En: "no party", Zh: "无当事方"},
	"role.ownerseller":      {En: "Trademark owner and seller", Zh: "商标注册人兼卖家 Owner and seller"},
	"role.owner":            {En: "Trademark owner", Zh: "商标注册人 Trademark owner"},
	"role.applicantseller":  {En: "Trademark applicant and seller", Zh: "商标申请人兼卖家 Applicant and seller"},
	"role.applicant":        {En: "Trademark applicant", Zh: "商标申请人 Trademark applicant"},
	"role.firstgrantor.app": {En: "First grantor (not the applicant %s)", Zh: "首个授权方（并非申请人 %s）"},
	"role.distributor":      {En: "Distributor", Zh: "经销商 Distributor"},
	"role.seller":           {En: "Seller", Zh: "卖家 Seller"},
	"role.firstgrantor":     {En: "First grantor (not the registered owner %s)", Zh: "首个授权方（并非注册人 %s）"},
	"chain.none":            {En: "No chain of authorizations connects the owner to the seller.", Zh: "没有授权链将商标注册人与卖家连接起来。"},
	"chain.noauth":          {En: "no authorization", Zh: "无授权"},
	"chain.letters":         {EnOne: "One link of %d letter:\n", En: "One link of %d letters:\n", Zh: "一个授权环节，含 %d 份授权书：\n"},
	"chain.scope":           {En: "\n%s · %s", Zh: "\n%s · %s"},
	"chain.sublicense":      {En: " · may sublicense", Zh: " · 可转授权"},
	"chain.papers":          {EnOne: "The text of letter %s does not bear out what case.yaml says of it (its problems are beside its link). What follows is the chain as case.yaml gives it.", En: "The texts of letters %s do not bear out what case.yaml says of them (their problems are beside their links). What follows is the chain as case.yaml gives it.", Zh: "授权书 %s 的文字与 case.yaml 所写不符（问题列在其所在环节旁）。以下是按 case.yaml 所写的授权链。"},
	"chain.more":            {EnOne: "\n… and %d more problem, listed on the cover.", En: "\n… and %d more problems, listed on the cover.", Zh: "\n……另有 %d 个问题，见封面。"},

	// Timeline.
	"tl.intro": {En: "Every date of the case on one axis.", Zh: "本案的全部日期在同一时间轴上。"},
	"tl.intro.auth": {En: "Every date of the case on one axis. The shaded band is the period the seller must be authorized for: " +
		"from the first listing to the complaint. Each authorization letter is a bar on the row of its link (the letters from one grantor to one grantee). " +
		"Red dashed bars have a problem, and a red frame marks the days on which a link does not authorize the seller.",
		Zh: "本案的全部日期在同一时间轴上。阴影区间为卖家必须获得授权的期间：从首次上架到投诉。每份授权书是其授权环节所在行上的一条横条（同一授权方对同一被授权方的授权书）。红色虚线横条表示存在问题，红框标出某一环节未授权卖家的日期。"},
	"tl.registered":  {En: "registered %s, expires %s", Zh: "注册 %s，到期 %s"},
	"tl.registered1": {En: "registered %s", Zh: "注册 %s"},
	"tl.pending":     {En: "pending (filed %s)", Zh: "审查中（申请于 %s）"},
	"tl.pending1":    {En: "pending", Zh: "审查中"},
	"tl.trademark":   {En: "trademark", Zh: "商标"},
	"tl.filed":       {En: "trademark application filed", Zh: "商标申请提交"},
	"tl.to":          {En: "%s to %s", Zh: "%s 至 %s"},
	"tl.photos":      {En: "Original photos (%d)", Zh: "原始照片（%d）"},
	"tl.photos.any":  {En: "Photos (%d)", Zh: "照片（%d）"},
	"tl.capture":     {En: "capture dates", Zh: "拍摄日期"},
	"tl.listing":     {En: "Listing %s", Zh: "商品 %s"},
	"tl.published":   {En: "published", Zh: "上架"},
	"tl.complaint":   {En: "Complaint %s", Zh: "投诉 %s"},
	"tl.made":        {En: "made", Zh: "提出"},
}

// t formats a message in the document's language.
func (d *doc) t(key string, args ...any) string { return messages.Text(d.lang, key, args...) }

// n formats a message whose wording follows the count n.
func (d *doc) n(key string, n int, args ...any) string {
	return messages.Count(d.lang, key, n, args...)
}

// langOf is the packet's language: case.language.
func langOf(m *manifest.Manifest) i18n.Lang {
	l, _ := i18n.Parse(m.Case.Language)
	return l
}

// proseDate writes a date for running text: ISO in English, "2024年3月20日"
// in Chinese. Tables keep ISO dates in both languages.
func proseDate(l i18n.Lang, d manifest.Date) string {
	if l != i18n.Chinese || d.IsZero() {
		return d.String()
	}
	t := d.Time()
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}
