package evidence

import (
	"strings"

	"appealpacket/internal/i18n"
)

// Sign is one thing a picture file shows about its originality ("it is
// 1152×768 pixels but its EXIF says the camera wrote 5184×3456, so it was
// resized after it was taken"), kept as a message of this package's
// catalogue and its arguments rather than as a sentence, so that the check
// report, the exhibit page and case.yaml word it in their own language.
type Sign struct {
	// Key names the message in signs (SignResized, ...).
	Key string
	// Args are the message's arguments, already formatted ("1152",
	// "0.83"): numbers read the same in both languages.
	Args []string `json:",omitempty"`
	// Terms are further messages of the catalogue, worded in the reader's
	// language and joined ("optimised Huffman tables and progressive
	// scans") into the message's last argument.
	Terms []string `json:",omitempty"`
}

// The messages a Sign can carry.
const (
	SignConverted        = "converted"
	SignThumbShape       = "thumb.shape"
	SignThumbDiffers     = "thumb.differs"
	SignThumbSame        = "thumb.same"
	SignThumbUnreadable  = "thumb.unreadable"
	SignThumbTooLarge    = "thumb.too_large"
	SignThumbUndecodable = "thumb.undecodable"
	SignThumbSmall       = "thumb.small_picture"
	SignThumbFlat        = "thumb.flat"
	SignSizeSame         = "size.same"
	SignSizeSameTurned   = "size.same_turned"
	SignSizeTurned       = "size.turned"
	SignResized          = "size.resized"
	SignCropped          = "size.cropped"
	SignPixelEditor      = "software.pixel"
	SignEditor           = "software.doubt"
	SignXMPHistory       = "xmp.history"
	SignXMPHistoryBy     = "xmp.history.by"
	SignXMPPhotoshop     = "xmp.photoshop"
	SignXMPDerived       = "xmp.derived"
	SignJPEGPhotoshop    = "jpeg.photoshop"
	SignJPEGCameraTables = "jpeg.camera_tables"
	SignJPEGSoftware     = "jpeg.software"
	SignJPEGResaved      = "jpeg.resaved"
	SignJPEGJFIF         = "jpeg.jfif"
	SignJPEGDouble       = "jpeg.double"
	SignJPEGSingle       = "jpeg.single"

	// Terms of SignJPEGSoftware.
	TermHuffman     = "term.huffman"
	TermProgressive = "term.progressive"
	TermFullColour  = "term.full_colour"
)

// NewSign returns the sign key with its arguments.
func NewSign(key string, args ...string) Sign { return Sign{Key: key, Args: args} }

// Text words the sign in language l.
func (s Sign) Text(l i18n.Lang) string {
	args := make([]any, 0, len(s.Args)+1)
	for _, a := range s.Args {
		args = append(args, a)
	}
	if len(s.Terms) > 0 {
		terms := make([]string, len(s.Terms))
		for i, t := range s.Terms {
			terms[i] = signs.Text(l, t)
		}
		args = append(args, strings.Join(terms, signs.Text(l, "and")))
	}
	return signs.Text(l, s.Key, args...)
}

// SignsText words signs in language l, joined into one sentence.
func SignsText(l i18n.Lang, list []Sign) string {
	texts := make([]string, len(list))
	for i, s := range list {
		texts[i] = s.Text(l)
	}
	return strings.Join(texts, signs.Text(l, "separator"))
}

// signs is the catalogue of Sign messages.
var signs = i18n.Catalog{
	"separator": {En: "; ", Zh: "；"},
	"and":       {En: " and ", Zh: "和"},

	SignConverted:        {En: "it is a %s file with a camera's EXIF, but cameras and phones save photos as JPEG or HEIC, so it was converted after it was taken", Zh: "它是带有相机 EXIF 的 %s 文件，但相机和手机都把照片保存为 JPEG 或 HEIC，所以它是拍摄后转换格式的"},
	SignThumbShape:       {En: "the small preview the camera embedded in the file shows a picture of another shape, so the picture was cropped or turned after it was taken", Zh: "相机嵌入文件中的小预览图形状不同，所以图片在拍摄后被裁剪或旋转过"},
	SignThumbDiffers:     {En: "the small preview the camera embedded in the file does not show the same picture (likeness %s of 1), so the picture was cropped, mirrored, captioned or otherwise changed after it was taken", Zh: "相机嵌入文件中的小预览图与图片内容不同（相似度 %s，满分 1），所以图片在拍摄后被裁剪、镜像、加字或以其他方式修改过"},
	SignThumbSame:        {En: "the preview the camera embedded shows the same picture", Zh: "相机嵌入的预览图与图片内容相同"},
	SignThumbUnreadable:  {En: "the embedded thumbnail cannot be read (%s)", Zh: "无法读取嵌入的缩略图（%s）"},
	SignThumbTooLarge:    {En: "the embedded thumbnail is %s×%s pixels", Zh: "嵌入的缩略图为 %s×%s 像素"},
	SignThumbUndecodable: {En: "the embedded thumbnail cannot be decoded (%s)", Zh: "无法解码嵌入的缩略图（%s）"},
	SignThumbSmall:       {En: "the picture is too small to compare", Zh: "图片太小，无法比对"},
	SignThumbFlat:        {En: "the picture is too flat to compare with its thumbnail", Zh: "图片过于平淡，无法与其缩略图比对"},
	SignSizeSame:         {En: "its pixel size is the %s×%s its EXIF records", Zh: "其像素尺寸与 EXIF 记录的 %s×%s 相同"},
	SignSizeSameTurned:   {En: "its pixel size is the %s×%s its EXIF records, turned as its orientation says", Zh: "其像素尺寸与 EXIF 记录的 %s×%s 相同，并按其方向标记旋转"},
	SignSizeTurned:       {En: "its pixels are turned (%s×%s) against the %s×%s its EXIF says the camera wrote, and no turn is recorded, so it was turned and saved again after it was taken", Zh: "其像素（%s×%s）相对于 EXIF 所记相机写入的 %s×%s 是旋转过的，而文件中没有旋转记录，所以它在拍摄后被旋转并重新保存过"},
	SignResized:          {En: "it is %s×%s pixels but its EXIF says the camera wrote %s×%s, so it was resized after it was taken", Zh: "它为 %s×%s 像素，但其 EXIF 表明相机写入的是 %s×%s，所以它在拍摄后被缩放过"},
	SignCropped:          {En: "it is %s×%s pixels but its EXIF says the camera wrote %s×%s, so it was cropped after it was taken", Zh: "它为 %s×%s 像素，但其 EXIF 表明相机写入的是 %s×%s，所以它在拍摄后被裁剪过"},
	SignPixelEditor:      {En: "it was saved by %s (%s), an editor that encodes the picture anew whenever it saves it", Zh: "它由 %s 保存过（%s），这种编辑软件每次保存都会重新编码图片"},
	SignEditor:           {En: "it was saved by %s, which can change the metadata alone or the pixels too", Zh: "它由 %s 保存过，这种软件可以只改元数据，也可以改像素"},
	SignXMPHistory:       {En: "its XMP editing history says it was %s", Zh: "其 XMP 编辑历史记载了操作“%s”"},
	SignXMPHistoryBy:     {En: "its XMP editing history says it was %s by %s", Zh: "其 XMP 编辑历史记载了 %[2]s 执行的操作“%[1]s”"},
	SignXMPPhotoshop:     {En: "its XMP holds Photoshop's editing history", Zh: "其 XMP 含有 Photoshop 的编辑历史"},
	SignXMPDerived:       {En: "its XMP says it was saved from another document (xmpMM:DerivedFrom)", Zh: "其 XMP 表明它是由另一个文档另存而来的（xmpMM:DerivedFrom）"},
	SignJPEGPhotoshop:    {En: "it holds Photoshop's JPEG save settings, so Photoshop encoded these pixels", Zh: "它含有 Photoshop 的 JPEG 保存设置，所以这些像素是 Photoshop 编码的"},
	SignJPEGCameraTables: {En: "its JPEG tables are not the standard ones image editors write", Zh: "其 JPEG 量化表不是图像编辑软件写入的标准表"},
	SignJPEGSoftware:     {En: "it is encoded as image software encodes (the standard IJG tables at quality %s with %s), not as a camera does", Zh: "它的编码方式是图像软件的（质量 %s 的标准 IJG 量化表，加上%s），而不是相机的"},
	SignJPEGResaved:      {En: "its pixels are encoded with the standard IJG tables at quality %s while the preview the camera embedded keeps the camera's own tables, so it was saved again after it was taken", Zh: "其像素用质量 %s 的标准 IJG 量化表编码，而相机嵌入的预览图仍是相机自己的量化表，所以它在拍摄后被重新保存过"},
	SignJPEGJFIF:         {En: "it is encoded with the standard IJG tables at quality %s and a JFIF header before its EXIF, as re-saving apps write (and a few cameras)", Zh: "它用质量 %s 的标准 IJG 量化表编码，EXIF 之前还有 JFIF 头，这是重新保存图片的应用（以及少数相机）的写法"},
	SignJPEGDouble:       {En: "its JPEG data was compressed twice: %s of the %s coefficients examined keep the steps of an earlier compression (divisor %s, now %s), which a camera saving its photo once does not leave, so the picture was opened and saved again after it was taken", Zh: "其 JPEG 数据被压缩过两次：所检查的 %[2]s 个系数中有 %[1]s 个保留着先前一次压缩的步长（除数 %[3]s，现为 %[4]s），相机只保存一次照片不会留下这种痕迹，所以图片在拍摄后被打开并重新保存过"},
	SignJPEGSingle:       {En: "its JPEG data shows no trace of a second compression", Zh: "其 JPEG 数据没有二次压缩的痕迹"},

	TermHuffman:     {En: "optimised Huffman tables", Zh: "优化的霍夫曼表"},
	TermProgressive: {En: "progressive scans", Zh: "渐进式扫描"},
	TermFullColour:  {En: "full-resolution colour", Zh: "全分辨率色彩"},
}
