package extract

import "strings"

// titleWordings maps words of a job title to the one wording every variant
// of it shares: "chairman", "chairwoman" and "chair" are one title, as are
// "CEO" and "chief executive officer".
var titleWordings = map[string]string{
	"chairman": "chair", "chairwoman": "chair", "chairperson": "chair",
	"spokesman": "spokesperson", "spokeswoman": "spokesperson",
	"councilman": "councillor", "councilwoman": "councillor", "councilor": "councillor",
	"congressman": "congressperson", "congresswoman": "congressperson",
	"alderman": "alderperson", "alderwoman": "alderperson",
	"ceo": "chief executive", "cfo": "chief financial officer", "coo": "chief operating officer",
	"cto": "chief technology officer", "ciso": "chief information security officer",
	"cio": "chief information officer", "md": "managing director",
	"dep": "deputy", "asst": "assistant", "supt": "superintendent", "det": "detective",
	"insp": "inspector", "sgt": "sergeant", "pres": "president", "sec": "secretary",
	"govt": "government", "dept": "department", "dir": "director", "mgr": "manager",
}

// TitleKey returns the form of a job title that its variants share: lower
// case, hyphens and dots as spaces, "the" dropped, abbreviations spelled
// out and gendered forms made one ("Vice-Chairman" and "vice chair" both
// give "vice chair"; "CEO" and "Chief Executive Officer" give "chief
// executive"). Roles whose titles have one key are one role.
func TitleKey(title string) string {
	f := strings.Fields(strings.NewReplacer("-", " ", ".", " ", "’", "'").Replace(strings.ToLower(title)))
	out := make([]string, 0, len(f))
	for i, w := range f {
		if i == 0 && w == "the" {
			continue
		}
		if t, ok := titleWordings[w]; ok {
			w = t
		}
		out = append(out, w)
	}
	k := strings.Join(out, " ")
	// "chief executive officer" is the chief executive
	return strings.TrimSuffix(strings.Replace(k, "chief executive officer", "chief executive", 1), " ")
}
