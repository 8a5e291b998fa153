package manifest

import (
	"regexp"
	"strconv"
)

// Selection names entries of a manifest by their index in its lists
// (after Load: photos are the files a folder entry was expanded to).
type Selection struct {
	Listings, Photos, Trademarks, Authorizations, Documents []int
}

// Subset returns a copy of m holding only the selected entries, in the
// order given. Its positions are those of the entries in m's file, so
// that a finding on the copy's listings[0] points at the line of the
// listing it is (photos keep m's positions: a photo folder's files share
// its entry's). Subset serves `build --per-brand`: one packet per brand.
func (m *Manifest) Subset(s Selection) *Manifest {
	sub := *m
	sub.Listings = pick(m.Listings, s.Listings)
	sub.Photos = pick(m.Photos, s.Photos)
	sub.Trademarks = pick(m.Trademarks, s.Trademarks)
	sub.Authorizations = pick(m.Authorizations, s.Authorizations)
	sub.Documents = pick(m.Documents, s.Documents)
	newIndex := map[string]map[int]int{}
	for list, idx := range map[string][]int{"listings": s.Listings, "trademarks": s.Trademarks, "authorizations": s.Authorizations, "documents": s.Documents} {
		newIndex[list] = map[int]int{}
		for j, i := range idx {
			newIndex[list][i] = j
		}
	}
	sub.positions = map[string]Pos{}
	for field, p := range m.positions {
		sm := entryField.FindStringSubmatch(field)
		if sm == nil || newIndex[sm[1]] == nil {
			sub.positions[field] = p // case.*, seller.*, photos, a whole list
			continue
		}
		i, _ := strconv.Atoi(sm[2])
		if j, ok := newIndex[sm[1]][i]; ok {
			sub.positions[sm[1]+"["+strconv.Itoa(j)+"]"+sm[3]] = p
		}
	}
	return &sub
}

// entryField splits a field path such as "listings[2].images[0]" into the
// list, the index and the rest.
var entryField = regexp.MustCompile(`^([a-z]+)\[(\d+)\](.*)$`)

func pick[T any](all []T, idx []int) []T {
	out := make([]T, 0, len(idx))
	for _, i := range idx {
		out = append(out, all[i])
	}
	return out
}
