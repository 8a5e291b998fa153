package pdfimport

import (
	"slices"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// canonicalImages renumbers the image XObjects that pages use by name so
// that their object numbers follow the order of their resource names.
//
// fpdf writes images in an order that depends on Go map iteration when two
// images have the same pixel width (it sorts them by width only), so the
// same packet could come out with its images numbered differently from run
// to run. fpdf names each image after a hash of its data, so ordering the
// numbers by name makes the output depend on the content alone.
func canonicalImages(ctx *model.Context) error {
	byName := map[string]int{} // resource name -> object number
	var dicts []types.Dict     // the XObject dictionaries naming them
	seenDict := map[int]bool{}
	for p := 1; p <= ctx.PageCount; p++ {
		pd, _, inh, err := ctx.PageDict(p, false)
		if err != nil {
			return err
		}
		res := pd["Resources"]
		if res == nil && inh != nil {
			res = inh.Resources
		}
		if ref, ok := res.(types.IndirectRef); ok {
			if seenDict[ref.ObjectNumber.Value()] {
				continue
			}
			seenDict[ref.ObjectNumber.Value()] = true
		}
		rd, err := ctx.DereferenceDict(res)
		if err != nil || rd == nil {
			continue
		}
		xd, err := ctx.DereferenceDict(rd["XObject"])
		if err != nil || xd == nil {
			continue
		}
		dicts = append(dicts, xd)
		for name, o := range xd {
			ref, ok := o.(types.IndirectRef)
			if !ok {
				continue
			}
			sd, _, err := ctx.DereferenceStreamDict(ref)
			if err != nil || sd == nil {
				continue
			}
			if st := sd.Subtype(); st == nil || *st != "Image" {
				continue
			}
			if prev, ok := byName[name]; ok && prev != ref.ObjectNumber.Value() {
				return nil // the same name for two images: leave the numbering alone
			}
			byName[name] = ref.ObjectNumber.Value()
		}
	}
	if len(byName) < 2 {
		return nil
	}
	names := make([]string, 0, len(byName))
	nums := make([]int, 0, len(byName))
	owner := map[int]string{}
	for name, n := range byName {
		if other, ok := owner[n]; ok && other != name {
			return nil // one image under two names: leave it
		}
		owner[n] = name
		names = append(names, name)
		nums = append(nums, n)
	}
	slices.Sort(names)
	slices.Sort(nums)
	newNum := map[string]int{}
	entries := map[int]*model.XRefTableEntry{}
	for i, name := range names {
		newNum[name] = nums[i]
		entries[nums[i]] = ctx.Table[byName[name]]
	}
	for n, e := range entries {
		ctx.Table[n] = e
	}
	for _, xd := range dicts {
		for name, o := range xd {
			if _, ok := o.(types.IndirectRef); !ok {
				continue
			}
			if n, ok := newNum[name]; ok {
				xd[name] = *types.NewIndirectRef(n, 0)
			}
		}
	}
	return nil
}
