package queries

import (
	"reflect"
	"testing"
)

func TestMergeRoles(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		in   []RoleRow
		want []RoleRow
	}{
		{"case variants are one title", []RoleRow{{Title: "Vice Chair", Org: "MPF"}, {Title: "vice chair", Org: "MPF"}},
			[]RoleRow{{Title: "vice chair", Org: "MPF"}}},
		{"a title without its organisation joins the one with it", []RoleRow{{Title: "Vice Chair"}, {Title: "vice chair", Org: "MPF"}},
			[]RoleRow{{Title: "vice chair", Org: "MPF"}}},
		{"different organisations stay apart", []RoleRow{{Title: "chair", Org: "A"}, {Title: "chair", Org: "B"}},
			[]RoleRow{{Title: "chair", Org: "A"}, {Title: "chair", Org: "B"}}},
		{"former and current stay apart", []RoleRow{{Title: "chair", Org: "A", Former: true}, {Title: "chair", Org: "A"}},
			[]RoleRow{{Title: "chair", Org: "A"}, {Title: "chair", Org: "A", Former: true}}},
		{"a title alone stays", []RoleRow{{Title: "Judge"}}, []RoleRow{{Title: "Judge"}}},
		{"none", nil, []RoleRow{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if got := mergeRoles(c.in); !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %+v, want %+v", got, c.want)
			}
		})
	}
}
