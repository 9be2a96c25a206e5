package extract_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/extract"
)

var (
	sharedOnce sync.Once
	sharedX    *extract.Extractor
)

// extractor builds the prose model once for the whole test binary.
func extractor() *extract.Extractor {
	sharedOnce.Do(func() { sharedX = extract.New(extract.Config{Model: extract.NewModel()}) })
	return sharedX
}

func load(t *testing.T, name string) (corpus.Article, extract.Result) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	a := corpus.Article{ID: name, Body: string(b), Published: time.Date(2024, 3, 14, 0, 0, 0, 0, time.UTC)}
	r, err := extractor().Extract(context.Background(), a)
	if err != nil {
		t.Fatalf("Extract(%s): %v", name, err)
	}
	return a, r
}

// TestStartModel checks that extraction with a model still being built
// waits for it and gives what the built model gives, from many
// goroutines at once.
func TestStartModel(t *testing.T) {
	t.Parallel()
	a, want := load(t, "appositive-speakers")
	x := extract.New(extract.Config{Model: extract.StartModel()})
	var wg sync.WaitGroup
	got := make([]extract.Result, 4)
	errs := make([]error, 4)
	for i := range got {
		wg.Go(func() { got[i], errs[i] = x.Extract(context.Background(), a) })
	}
	wg.Wait()
	for i := range got {
		if errs[i] != nil {
			t.Fatalf("Extract with a model being built: %v", errs[i])
		}
		if !reflect.DeepEqual(got[i], want) {
			t.Errorf("Extract with a model being built differs from the built model's:\n%+v\nwant\n%+v", got[i], want)
		}
	}
}

// wantQuote is a quotation a reader expects: who, how, and the words it starts with.
type wantQuote struct {
	speaker string
	kind    extract.QuoteKind
	starts  string
}

func TestExtractor_Extract_quotes(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		want []wantQuote
	}{
		{"retailer-hack", []wantQuote{
			{"Acme Health Ltd", extract.Indirect, "Acme Health Ltd said on Tuesday"},
			{"Maria Lopez", extract.Direct, "We take the security"},
			{"Maria Lopez", extract.Direct, "Payment card details"},
			{"Maria Lopez", extract.Indirect, "Lopez said the company"},
			{"Information Commissioner's Office", extract.Direct, "Acme Health has made us aware"},
			{"Tom Baker", extract.Indirect, "Security researcher Tom Baker"},
			{"Tom Baker", extract.Direct, "This looks like"}, // "he said" after a new person is the new person
			{"Tom Baker", extract.Direct, "They steal the data"},
			{"Tom Baker", extract.Indirect, "According to Baker"},
		}},
		{"unnamed-sources", []wantQuote{
			{"Peter Vance", extract.Indirect, "Councillor Peter Vance said"},
			{"Peter Vance", extract.Direct, "The landlord has known"},
			// "One tenant, who asked not to be named, said …": her words
			// and her "she said" quote belong to no named speaker, nor
			// does "…, said she sleeps in the lounge", and "one neighbour
			// told the Evening Courier" is not the Courier's
			{"Greenway Homes", extract.Indirect, "A spokeswoman for the housing association, Greenway Homes, said"},
			{"Halden Building Services", extract.Indirect, "A spokesman for the repairs contractor, Halden Building Services, said"},
			{"Peter Vance", extract.Direct, "We have asked for help"},
			{"Peter Vance", extract.Partial, "and we will keep asking"}, // split by the attribution
		}},
		{"closing-appositives", []wantQuote{
			{"Harbour Link Ferries Ltd", extract.Indirect, "Harbour Link Ferries Ltd will run"},
			{"Dana Whitlock", extract.Indirect, "Passengers with season tickets"},  // "…, the operator's chief executive, Dana Whitlock, said."
			{"Dana Whitlock", extract.Indirect, "The timetable had been drawn up"}, // "…, Ms Whitlock, who took charge …, added."
			{"Owen Pryce", extract.Indirect, "Crews will be recruited"},            // "…, the union's regional organiser, Owen Pryce, said on Monday."
		}},
		{"bare-spokesperson", []wantQuote{
			// "… has admitted that …" reports what it made known, not a statement
			{"Fitwell Leisure", extract.Direct, "We are writing to every member"}, // "A spokeswoman said:"
			{"Anita Rowe", extract.Partial, "let its members down"},               // "told MPs": no police force (the MPS)
			{"West Yorkshire Police", extract.Indirect, "Two men, aged 22 and 25"},
			{"West Yorkshire Police", extract.Indirect, "West Yorkshire Police said"},
			{"Ben Hart", extract.Indirect, "Security consultant Ben Hart wrote in a newsletter post that"},
			{"Linda Shaw", extract.Indirect, "Member Linda Shaw said"},
			{"Linda Shaw", extract.Direct, "I will never trust them again"}, // "the 58-year-old said"
		}},
		{"airline-statement", []wantQuote{
			{"Omar Haddad", extract.Indirect, "Bluecrest Airlines chief executive Omar Haddad was quoted as saying"},
			{"Omar Haddad", extract.Direct, "We let our passengers down"}, // "he was quoted as saying"
			{"Fairfare", extract.Indirect, "Consumer group Fairfare said"},
			{"Helen Grant", extract.Direct, "Passengers deserve more"},                  // "said its director, Helen Grant"
			{"Bluecrest Airlines", extract.Direct, "We are contacting every passenger"}, // "the airline" is Bluecrest Airlines
		}},
		{"council-single-quotes", []wantQuote{
			{"Riverside City Council", extract.Direct, "A spreadsheet containing"}, // single quotes, unclosed at paragraph end
			{"Riverside City Council", extract.Direct, "We have referred ourselves"},
			{"Sarah Okafor", extract.Partial, "deeply sorry"},
			{"James Pike", extract.Partial, "utterly unacceptable"},
			{"James Pike", extract.Direct, "Residents trusted"}, // "Mr Pike added:"
		}},
		{"embedded-fragments", []wantQuote{
			{"Dunmere Borough Council", extract.Indirect, "The council said that the printing firm"},
			// the clause goes on after the quoted words: reported speech
			// with a fragment in it, and the fragment
			{"Dunmere Borough Council", extract.Indirect, "It stated that new"},
			{"Dunmere Borough Council", extract.Partial, "checking procedures"},
			// the quoted words end the clause: only they are quoted
			{"Ruth Abbey", extract.Partial, "serious failure of basic care"},
			{"Castleton Print", extract.Partial, "keen to help the council"}, // "the printing firm, Castleton Print," is a firm
			{"Helen Marsh", extract.Indirect, "A spokeswoman for the firm, Helen Marsh, added"},
		}},
		{"short-reports", []wantQuote{
			{"Brindle Dental Clinics", extract.Indirect, "Brindle Dental Clinics has told 640 patients"},
			// three words, but a clause: a pronoun and its verb
			{"Information Commissioner's Office", extract.Indirect, "The Information Commissioner's Office said it was investigating."},
			{"Hartmoor Police", extract.Indirect, "Hartmoor Police said they were aware."},
			// "A detective said nothing more." reports nothing
			{"Brindle Dental Clinics", extract.Indirect, "Brindle Dental Clinics said it had acted"},
		}},
		{"trust-laptop", []wantQuote{
			{"Northfield NHS Foundation Trust", extract.Indirect, "Northfield NHS Foundation Trust has confirmed"},
			{"Northfield NHS Foundation Trust", extract.Indirect, "The trust said the device"},
			{"Northfield NHS Foundation Trust", extract.Direct, "We are sorry"}, // "a trust spokesperson said"
			{"Northfield NHS Foundation Trust", extract.Direct, "Patients whose records"},
			{"Anil Mehta", extract.Direct, "Patient care"},
		}},
		{"us-agency", []wantQuote{
			{"Department of Veterans Affairs", extract.Indirect, "WASHINGTON — The Department of Veterans Affairs said Thursday"},
			{"Denis Carter", extract.Direct, "We are notifying"},
			{"Denis Carter", extract.Direct, "There is no indication"},
			{"Linda Hsu", extract.Partial, "a shocking failure"},
			{"Linda Hsu", extract.Direct, "How many more times"},
			{"Linda Hsu", extract.Direct, "Veterans deserve answers"},
			{"Department of Veterans Affairs", extract.Indirect, "The agency said the breach"},
		}},
		{"multi-paragraph", []wantQuote{
			{"Mark Williams", extract.Direct, "This was a human error"},
			{"Mark Williams", extract.Direct, "We have taken steps"},
			{"Mark Williams", extract.Direct, "The Information Commissioner's Office has been informed"},
			{"Scottish Police Federation", extract.Partial, "rightly angry"},
			{"David Kennedy", extract.Indirect, "Its general secretary, David Kennedy, said"},
			{"Police Scotland", extract.Indirect, "A Police Scotland spokesman later added"},
		}},
		{"straight-quotes", []wantQuote{
			{"Harbourside Water", extract.Indirect, "Harbourside Water said it had found"},
			{"Priya Natarajan", extract.Direct, "We were notified"},
			{"Priya Natarajan", extract.Direct, "Our own systems"},
			{"Priya Natarajan", extract.Direct, "We are contacting"}, // "she added"
			{"Gareth Lloyd", extract.Direct, "It is frankly unacceptable"},
			{"Gareth Lloyd", extract.Partial, "that we heard about this"}, // split by the attribution
		}},
		{"appositive-speakers", []wantQuote{
			{"Yvette Cooper", extract.Indirect, "Home Secretary Yvette Cooper said on Monday"},
			{"Yvette Cooper", extract.Direct, "Every force must"}, // "Cooper, who was speaking in the Commons, said"
			{"Yvette Cooper", extract.Direct, "That is not optional"},
			{"Ian Hughes", extract.Direct, "We had warned"},          // "The chief executive of X, Ian Hughes, told the BBC:"
			{"Mark Rowley", extract.Direct, "There will be lessons"}, // "— that was the verdict of Sir Mark Rowley"
			{"Mary-Ann O'Brien", extract.Partial, "terrified"},
			{"Mary-Ann O'Brien", extract.Direct, "I can’t sleep"},
			{"Mary-Ann O'Brien", extract.Direct, "Nobody has told us"},
			{"Home Office", extract.Direct, "We will set out"}, // "a Home Office spokesperson said:"
		}},
		{"single-word-companies", []wantQuote{
			{"Capita", extract.Indirect, "Capita said in a statement that it had"}, // reported speech around a quoted fragment
			{"Capita", extract.Partial, "no evidence"},
			{"Jon Lewis", extract.Direct, "We apologise unreservedly. It's our customers' safety"}, // a plural possessive inside single quotes
			{"Equifax", extract.Indirect, "Equifax said it was offering"},
			{"Tom Selby", extract.Partial, "be on their guard"},
		}},
		{"politics", []wantQuote{
			{"Keir Starmer", extract.Partial, "finally coming down"}, // "Speaking at a hospital in Kent, Keir Starmer said"
			{"Keir Starmer", extract.Partial, "give in to"},
			{"British Medical Association", extract.Indirect, "But the British Medical Association (BMA) said"},
			{"Emma Runswick", extract.Direct, "We have been clear"}, // "Its chair, Dr Emma Runswick, said:"
			{"Diane Abbott", extract.Partial, "badly handled"},
			{"Victoria Atkins", extract.Direct, "Labour promised"},
			{"Downing Street", extract.Partial, "open to talks"},
			{"Downing Street", extract.Direct, "The door is open"}, // "A No 10 spokesman added:"
			{"Rachel Power", extract.Partial, "far too long"},
		}},
		{"court", []wantQuote{
			{"Richard Evans", extract.Direct, "You betrayed the trust"},
			{"Ann Holt", extract.Direct, "Harper accessed the records"},
			{"Ann Holt", extract.Indirect, "She added that the force"},
			{"Northway Legal", extract.Partial, "deeply regretted"}, // "the claims firm, Northway Legal, said"
		}},
		{"police-said", []wantQuote{
			{"Thames Valley Police", extract.Indirect, "Police said the man"},
			{"Janet Moore", extract.Direct, "My daughter"},
		}},
		{"particles-and-continuations", []wantQuote{
			{"Ursula von der Leyen", extract.Indirect, "Ursula von der Leyen, the president"},
			{"Ursula von der Leyen", extract.Direct, "We cannot allow"}, // open quote named only in the next paragraph
			{"Ursula von der Leyen", extract.Direct, "Every public body"},
			{"Eric Mamer", extract.Indirect, "Her spokesman, Eric Mamer, later clarified"},
			{"Claire Dubois", extract.Direct, "The minister told me ‘never again’"}, // nested single quotes stay inside
			{"", extract.Direct, "We do not comment"},                               // "said a spokesperson": unnamed, kept with its description
		}},
		{"description-head", []wantQuote{
			{"Kestrel Vale NHS Trust", extract.Indirect, "The trust said"}, // "the trust" is the Trust named, not the NHS named since
		}},
		{"expert-roles", []wantQuote{
			{"Brenmoor Systems", extract.Indirect, "WASHINGTON (Capitol Wire)"}, // the dateline's outlet is not the subject
			{"Owen Tate", extract.Indirect, "Customer records"},
			{"Alice Grey", extract.Indirect, "Brenmoor's chief executive"}, // "ORG's TITLE, NAME, said"
			{"Mia Ross", extract.Indirect, "Dr Mia Ross"},
			{"Sam Ortiz", extract.Indirect, "Sam Ortiz"},
			{"Brenmoor Systems", extract.Indirect, "Brenmoor said"}, // the short name of "X Systems"
		}},
		{"attribution-conventions", []wantQuote{
			{"Brook Lane Trust", extract.Partial, "mailing partner"}, // "telling donors that its ‘…’"
			{"Brook Lane Trust", extract.Partial, "security lapse"},
			{"Brook Lane Trust", extract.Indirect, "A trust spokeswoman said"},
			{"Brook Lane Trust", extract.Indirect, "Bank details were not"},     // "the spokeswoman" already introduced
			{"Brook Lane Trust", extract.Indirect, "About 800 donors"},          // "the charity" is the Trust
			{"Brook Lane Trust", extract.Indirect, "It has informed"},           // "according to its statement", not "several states"
			{"Fundraising Regulator", extract.Indirect, "The mistake happened"}, // "according to a report X published"
		}},
		{"water-company", []wantQuote{
			{"Tarn Valley Water", extract.Indirect, "Tarn Valley Water said"},
			{"Tarn Valley Water", extract.Indirect, "Tarn Valley said"}, // "X Water" is "X" after its first mention
		}},
		{"said-possessive-title", []wantQuote{
			{"Fenmoor Health Trust", extract.Indirect, "Fenmoor Health Trust said"},
			{"Karl Dunne", extract.Direct, "We got this badly wrong"}, // "said the trust's finance director, Mr NAME"
			{"Karl Dunne", extract.Direct, "We will publish"},
			{"Ada Brooks", extract.Indirect, "Green Party councillor Ada Brooks said"},
		}},
		{"supplier-topic", []wantQuote{
			{"Fellside Energy", extract.Indirect, "Supplies were never at risk"}, // "the company" is the subject, not the contractor named in passing
		}},
		{"us-insurer", []wantQuote{
			{"Harbor State Insurance", extract.Indirect, "Harbor State Insurance Co. said Monday"},
			{"Lena M. Ortiz", extract.Direct, "We regret this deeply"}, // a middle initial stays in the name
			{"Oregon Attorney General's Office", extract.Indirect, "The Oregon Attorney General's Office said"},
		}},
		{"speaking-to", []wantQuote{
			{"Glenholm Bank", extract.Indirect, "Glenholm Bank said"},
			{"Nina Cole", extract.Partial, "careless"}, // "Speaking to the X, NAME said": not the outlet
			{"Nina Cole", extract.Direct, "Banks should know better"},
			{"Office for Financial Complaints", extract.Indirect, "The Office for Financial Complaints (OFC) said"}, // "Office for …"
		}},
		{"counts-and-says", []wantQuote{
			{"Larkspur Broadband", extract.Indirect, "Larkspur Broadband said"},
			{"Larkspur Broadband", extract.Indirect, "A further three million"},
			{"Tomas Ekberg", extract.Direct, "Nobody should panic"}, // "says Dr NAME": an honorific between verb and name
		}},
		{"charity-device-loss", []wantQuote{
			{"Brightlane", extract.Indirect, "The laptop was left"}, // "the charity" is "X, a … charity"
		}},
		{"trailing-attribution", []wantQuote{
			{"Ashgrove Building Society", extract.Indirect, "Ashgrove Building Society said on Monday"},
			{"Ashgrove Building Society", extract.Indirect, "Mortgage records"}, // "…, it said."
			{"Laura Finch", extract.Indirect, "Members will be offered"},        // "…, said NAME, TITLE."
			{"Peter Gale", extract.Indirect, "Retired nurse Peter Gale"},        // not "said he …" after a relative clause
			{"Laura Finch", extract.Indirect, "Laura Finch points out that"},    // "disclosed that" reports a fact, not speech
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			a, r := load(t, c.name)
			names := map[string]string{}
			for _, e := range r.Entities {
				names[e.Key] = e.Name
			}
			if len(r.Quotes) != len(c.want) {
				for _, q := range r.Quotes {
					t.Logf("got %s %q: %q", q.Kind, names[q.Speaker], q.Text)
				}
				t.Errorf("got %d quotes, want %d", len(r.Quotes), len(c.want))
			}
			for _, w := range c.want {
				found := false
				for _, q := range r.Quotes {
					if strings.HasPrefix(q.Text, w.starts) {
						found = true
						if names[q.Speaker] != w.speaker || q.Kind != w.kind {
							t.Errorf("%q: got %s by %q, want %s by %q", w.starts, q.Kind, names[q.Speaker], w.kind, w.speaker)
						}
						if a.Body[q.Span.Start:q.Span.End] != q.Text {
							t.Errorf("%q: span %v does not hold the text", w.starts, q.Span)
						}
						if q.Sentence.Start > q.Span.Start || q.Sentence.End <= q.Span.Start {
							t.Errorf("%q: sentence %v does not hold the quote at %v", w.starts, q.Sentence, q.Span)
						}
					}
				}
				if !found {
					t.Errorf("quote %q not found", w.starts)
				}
			}
		})
	}
}

func TestExtractor_Extract_entities(t *testing.T) {
	t.Parallel()
	type want struct {
		name, typ, kind string
		role            string // "title@org name", "" for none expected
	}
	cases := []struct {
		name    string
		want    []want
		notWant []string
	}{
		{"retailer-hack", []want{
			{"Acme Health Ltd", "organization", "company", ""},
			{"Information Commissioner's Office", "organization", "regulator", ""},
			{"Reuters", "organization", "media", ""},
			{"Maria Lopez", "person", "", "chief executive@Acme Health Ltd"},
			{"Tom Baker", "person", "", "Security researcher@"},
		}, []string{"Acme Health", "Lopez", "Baker"}},
		{"embedded-fragments", []want{
			{"Castleton Print", "organization", "company", ""}, // "the printing firm, Castleton Print,"
			{"Helen Marsh", "person", "", ""},                  // "A spokeswoman for the firm, Helen Marsh,"
			{"Ruth Abbey", "person", "", ""},
		}, nil},
		{"regulator-investigating", []want{
			{"Westmarsh Fire and Rescue Service", "organization", "government", ""}, // a public service, not an agency
			{"Information Commissioner's Office", "organization", "regulator", ""},
		}, nil},
		{"bare-spokesperson", []want{
			{"Fitwell Leisure", "organization", "company", ""},
			{"West Yorkshire Police", "organization", "police force", ""},
			{"Linda Shaw", "person", "", ""},
		}, []string{"Metropolitan Police Service", "Member Linda Shaw"}}, // "told MPs" is no MPS
		{"council-single-quotes", []want{
			{"Riverside City Council", "organization", "government", ""},
			{"Sarah Okafor", "person", "", "Council leader@Riverside City Council"},
			{"James Pike", "person", "", "councillor@"},
		}, []string{"Pike", "Council"}},
		{"trust-laptop", []want{
			{"Northfield NHS Foundation Trust", "organization", "health", ""},
			{"Anil Mehta", "person", "", "medical director@Northfield NHS Foundation Trust"},
		}, nil},
		{"multi-paragraph", []want{
			{"Police Scotland", "organization", "police force", ""},
			{"Scottish Police Federation", "organization", "staff association", ""},
			{"Mark Williams", "person", "", "Assistant Chief Constable@Police Scotland"}, // a rank held in the force the article is about
			{"David Kennedy", "person", "", "general secretary@Scottish Police Federation"},
		}, []string{"Police Federation of England and Wales"}},
		{"us-agency", []want{
			{"Department of Veterans Affairs", "organization", "government", ""},
			{"Federal Bureau of Investigation", "organization", "agency", ""},
			{"Linda Hsu", "person", "", ""},
		}, nil},
		{"appositive-speakers", []want{
			{"Ian Hughes", "person", "", "chief executive@Police Digital Service"},
			{"Mark Rowley", "person", "", "commissioner@Metropolitan Police Service"},
			{"Yvette Cooper", "person", "", "Home Secretary@"},
			{"The Guardian", "organization", "media", ""},
		}, []string{"Cooper", "Guardian"}},
		{"single-word-companies", []want{
			{"Capita", "organization", "company", ""},
			{"Microsoft", "organization", "company", ""},
			{"Equifax", "organization", "company", ""},
			{"Jon Lewis", "person", "", "chief executive@Capita"},
		}, []string{"Smith", "Nobody"}},
		{"politics", []want{
			{"British Medical Association", "organization", "staff association", ""},
			{"Labour Party", "organization", "political party", ""},
			{"Emma Runswick", "person", "", "chair@British Medical Association"},
			{"Diane Abbott", "person", "", "MP@Labour Party"},
			{"Victoria Atkins", "person", "", "Shadow health secretary@"},
			{"Rachel Power", "person", "", "chief executive@Patients Association"},
		}, []string{"BMA", "Conservatives", "Labour"}},
		{"named-supplier", []want{
			{"Greater Manchester Police", "organization", "police force", ""},
			{"Digital ID", "organization", "supplier", ""},
		}, []string{"GMP", "Greater Manchester Police supplier"}},
		{"court", []want{
			{"Lancashire Constabulary", "organization", "police force", ""}, // the force's own name, not "Lancashire Police"
			{"Northway Legal", "organization", "company", ""},
			{"Ann Holt", "person", "", "Detective Superintendent@Lancashire Constabulary"}, // title and force read apart make one role
			{"Richard Evans", "person", "", "Judge@"},
		}, []string{"Lancashire Police", "Harper"}},
		{"police-said", []want{
			{"Janet Moore", "person", "", ""}, // "Janet Moore, 61, said"
		}, nil},
		{"particles-and-continuations", []want{
			{"Ursula von der Leyen", "person", "", "president@European Commission"},
			{"European Commission", "organization", "government", ""},
		}, []string{"European Commission supplier"}},
		{"criminal-group", []want{
			{"Vantablack", "organization", "criminal group", ""}, // "the ransomware group X"
			{"Nightjar", "organization", "criminal group", ""},   // "a group calling itself X"
			{"Marlow Bridge NHS Trust", "organization", "health", ""},
			{"HealthWire", "organization", "media", ""}, // "a letter seen by X", camel case
			{"Gazette", "organization", "media", ""},    // "told the Gazette"
			{"Wendover University", "organization", "education", ""},
		}, nil},
		{"expert-roles", []want{
			{"Owen Tate", "person", "", "company spokesman@Brenmoor Systems"},                   // "a company spokesman"
			{"Alice Grey", "person", "", "chief executive@Brenmoor Systems"},                    // "Brenmoor's chief executive"
			{"Mia Ross", "person", "", "senior lecturer in computer science@Halden University"}, // title, complement, "at ORG"
			{"Sam Ortiz", "person", "", "analyst@Redline Labs"},                                 // "at security firm ORG"
			{"Capitol Wire", "organization", "media", ""},
		}, []string{"Brenmoor"}},
		{"bare-titles", []want{
			{"Nadia Price", "person", "", "Chief operating officer@Grantley College"}, // the organisation the passage is about
			{"Ruth Amis", "person", "", "Vice-chancellor Professor@Grantley College"},
			{"Sam Reed", "person", "", "Headteacher@Grantley College"},
			{"Owen Lacey", "person", "", "Det Sgt@Kent Police"}, // a police rank, in the force the passage is about
			{"Omar Haddad", "person", "", "Local councillor@"},  // "Cllr" is an honorific; the title before it stands
		}, []string{"Cllr Omar Haddad"}},
		{"said-possessive-title", []want{
			{"Ada Brooks", "person", "", "councillor@Green Party"}, // a party named before the title
		}, nil},
		{"supplier-topic", []want{
			{"Mirefang", "organization", "criminal group", ""}, // "the extortion group X"
			{"Norcode Systems", "organization", "supplier", ""},
		}, nil},
		{"trust-letters", []want{
			{"Angela Moss", "person", "", "chief nurse@Broadfield NHS Trust"}, // clinical titles ("nurse") head a title
		}, nil},
		{"charity-device-loss", []want{
			{"Brightlane", "organization", "charity", ""},
		}, nil},
		{"org-lists", []want{
			{"National Crime Agency", "organization", "agency", ""}, // "X and Y Police" names two bodies when each is whole
			{"Lincolnshire Police", "organization", "police force", ""},
			{"Norfolk and Suffolk Police", "organization", "police force", ""}, // ... but one when the left is a place
			{"Carrow Homes", "organization", "organization", ""},
			{"Tidewater Solicitors", "organization", "company", ""},
			{"Fenland Courier", "organization", "media", ""},
			{"Colleges Wales", "organization", "organization", ""}, // "X, which represents …, said"
			{"Fair Data Now", "organization", "organization", ""},  // "campaign group X"
		}, []string{"National Crime Agency and Lincolnshire Police", "Norfolk"}},
		{"straight-quotes", []want{
			{"Harbourside Water", "organization", "company", ""},
			{"Gareth Lloyd", "person", "", "chair@Harbourside Customer Panel"},
		}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			_, r := load(t, c.name)
			byName := map[string]extract.Entity{}
			names := map[string]string{}
			for _, e := range r.Entities {
				byName[e.Name] = e
				names[e.Key] = e.Name
			}
			for _, w := range c.want {
				e, ok := byName[w.name]
				if !ok {
					t.Errorf("entity %q not found", w.name)
					continue
				}
				if string(e.Type) != w.typ || e.Kind != w.kind {
					t.Errorf("%q: got %s/%s, want %s/%s", w.name, e.Type, e.Kind, w.typ, w.kind)
				}
				if len(e.Mentions) == 0 {
					t.Errorf("%q: no mentions recorded", w.name)
				}
				if w.role == "" {
					continue
				}
				title, org, _ := strings.Cut(w.role, "@")
				has := false
				for _, ro := range e.Roles {
					has = has || ro.Title == title && names[ro.Org] == org
				}
				if !has {
					t.Errorf("%q: roles %+v lack %s at %q", w.name, e.Roles, title, org)
				}
			}
			for _, n := range c.notWant {
				if _, ok := byName[n]; ok {
					t.Errorf("entity %q should not be found (split duplicate or junk)", n)
				}
			}
		})
	}
}

func TestExtractor_Extract_breaches(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name       string
		victim     string
		exposed    []string
		notExposed []string
		affected   int
		reportedTo []string
		cause      string
	}{
		{"retailer-hack", "Acme Health Ltd", []string{"names", "dates of birth", "email addresses"}, []string{"financial details"}, 120000,
			[]string{"Information Commissioner's Office", "National Cyber Security Centre"}, "ransomware"},
		{"council-single-quotes", "Riverside City Council", []string{"names", "addresses"}, nil, 2300, []string{"Information Commissioner's Office"}, ""},
		{"trust-laptop", "Northfield NHS Foundation Trust", []string{"medical records"}, nil, 0, []string{"Information Commissioner's Office"}, "lost or stolen laptop"},
		// "were not exposed" is a fact of the same breach, not a second one
		{"payroll-supplier", "Kingsmere Borough Council", []string{"names", "national insurance numbers"}, []string{"bank account details"}, 6450,
			[]string{"Information Commissioner's Office"}, "ransomware"},
		{"named-supplier", "Greater Manchester Police", []string{"names", "photographs", "collar numbers"}, nil, 0, []string{"National Crime Agency"}, "ransomware"},
		{"police-said", "Thames Valley Police", []string{"personal details"}, nil, 0, nil, ""},
		// "an NHS trust" is the trust, not the NHS; the gang is never the victim
		{"criminal-group", "Marlow Bridge NHS Trust", []string{"names", "addresses"}, nil, 3100, []string{"Information Commissioner's Office"}, "ransomware"},
		// "but not passwords" is not exposed
		{"water-company", "Tarn Valley Water", []string{"names", "account numbers"}, []string{"passwords"}, 0, nil, "hackers"},
		// the office that received the notice is no victim but a body reported to
		{"us-insurer", "Harbor State Insurance", nil, nil, 52000, []string{"Oregon Attorney General's Office"}, "hackers"},
		{"trust-letters", "Broadfield NHS Trust", nil, nil, 140, []string{"Action Fraud"}, "to the wrong homes"},
		// "reported the loss of a laptop"
		{"charity-device-loss", "Brightlane", nil, nil, 60, nil, "lost or stolen laptop"},
		// a lede naming no one is the breach the next sentences name; a misdirected email is a disclosure
		{"tabloid-lede", "Hartwell Academy", []string{"names", "dates of birth"}, nil, 300, []string{"Information Commissioner's Office"}, "to the wrong people"},
		{"multi-paragraph", "Police Scotland", []string{"email addresses"}, nil, 300, []string{"Information Commissioner's Office"}, "human error"},
		// "X, the state's second-largest hospital network," names an
		// organisation; the expert's firm is no victim, and men "released
		// on bail" are no second breach
		{"hospital-network", "Pinecrest Health", []string{"names", "dates of birth"}, nil, 45000, nil, "ransomware"},
		// "Hallam's has confirmed": a company named in the possessive; "a
		// supplier … exposed the email addresses of …" is a disclosure; of
		// "X is not involved, but Y has been informed" only Y was told
		{"possessive-retailer", "Hallam's", []string{"email addresses"}, nil, 7500, []string{"Information Commissioner's Office"}, ""},
		// "An airline has apologised …": the lede's airline is the one
		// named next, though only in a title ("Bluecrest Airlines chief operating
		// officer"), not the consumer group named after it
		{"lede-description", "Bluecrest Airlines", []string{"passport numbers"}, nil, 9000, nil, ""},
		// a regulator "making enquiries" was told of it; a board was informed
		{"regulator-investigating", "Westmarsh Fire and Rescue Service", []string{"names", "home addresses"}, nil, 1400,
			[]string{"Information Commissioner's Office", "Westmarsh Fire Authority Audit Board"}, "mistakenly published"},
		// the trust that runs the school reports the school's breach
		{"academy-trust", "Oakmere Academy", []string{"names", "addresses"}, nil, 900, []string{"Information Commissioner's Office"}, "cyber attack"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			_, r := load(t, c.name)
			names := map[string]string{}
			for _, e := range r.Entities {
				names[e.Key] = e.Name
			}
			if len(r.Events) != 1 {
				t.Fatalf("got %d breaches %+v, want 1", len(r.Events), r.Events)
			}
			ev := r.Events[0]
			if names[ev.Victim] != c.victim {
				t.Errorf("victim %q, want %q", names[ev.Victim], c.victim)
			}
			for _, x := range c.exposed {
				if !contains(ev.Exposed, x) {
					t.Errorf("exposed %v lacks %q", ev.Exposed, x)
				}
			}
			for _, x := range c.notExposed {
				if !contains(ev.NotExposed, x) || contains(ev.Exposed, x) {
					t.Errorf("%q should be not exposed: exposed %v, not exposed %v", x, ev.Exposed, ev.NotExposed)
				}
			}
			if c.affected != 0 && !containsInt(ev.Affected, c.affected) {
				t.Errorf("affected %v lacks %d", ev.Affected, c.affected)
			}
			var rt []string
			for _, k := range ev.ReportedTo {
				rt = append(rt, names[k])
			}
			for _, x := range c.reportedTo {
				if !contains(rt, x) {
					t.Errorf("reported to %v lacks %q", rt, x)
				}
			}
			if c.cause != "" && ev.Cause != c.cause {
				t.Errorf("cause %q, want %q", ev.Cause, c.cause)
			}
			if len(ev.Evidence) == 0 {
				t.Error("no evidence sentences")
			}
		})
	}
}

func TestExtractor_Extract_errors(t *testing.T) {
	t.Parallel()
	x := extractor()
	if _, err := x.Extract(context.Background(), corpus.Article{ID: "e", Body: " \n\t"}); !errors.Is(err, extract.ErrEmptyArticle) {
		t.Errorf("empty body: got %v, want ErrEmptyArticle", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := x.Extract(ctx, corpus.Article{ID: "c", Body: "Some text."}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: got %v, want context.Canceled", err)
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func containsInt(xs []int, n int) bool {
	for _, x := range xs {
		if x == n {
			return true
		}
	}
	return false
}

// TestExtractor_Extract_noBreach checks that words like "leak" and "breach
// of contract" in an article about something else make no breach.
func TestExtractor_Extract_expertNotVictim(t *testing.T) {
	t.Parallel()
	for name, victim := range map[string]string{"criminal-group": "org/marlow-bridge-nhs-trust", "us-insurer": "org/harbor-state-insurance", "counts-and-says": "org/larkspur-broadband"} {
		_, r := load(t, name)
		for _, ev := range r.Events {
			if ev.Victim != victim {
				t.Errorf("%s: breach %s of %s: only %s was breached (not the expert's university, the gang, the outlet or the office notified)", name, ev.Key, ev.Victim, victim)
			}
		}
	}
}

func TestExtractor_Extract_oneBreachOfARetailer(t *testing.T) {
	t.Parallel()
	_, r := load(t, "retailer-credentials")
	if len(r.Events) != 1 {
		t.Fatalf("got %d breaches, want 1 (\"deleted\" copies are no second, data-loss breach): %+v", len(r.Events), r.Events)
	}
	ev := r.Events[0]
	if ev.Victim != "org/ridgeway-stores" || !strings.HasSuffix(ev.Key, "/hack") {
		t.Errorf("got %s of %s, want a hack of Ridgeway Stores (stolen credentials)", ev.Key, ev.Victim)
	}
	if !containsInt(ev.Affected, 9000) || containsInt(ev.Affected, 2000000) {
		t.Errorf("affected %v: want 9000, not the 2 million customers the chain supplies", ev.Affected)
	}
	for _, c := range []string{"phone numbers", "card numbers"} { // "no phone numbers or card numbers"
		if !contains(ev.NotExposed, c) || contains(ev.Exposed, c) {
			t.Errorf("%s: exposed %v, not exposed %v; want it not exposed", c, ev.Exposed, ev.NotExposed)
		}
	}
	for _, to := range []string{"org/federal-bureau-of-investigation", "org/securities-and-exchange-commission"} { // "informed", "a filing with"
		if !contains(ev.ReportedTo, to) {
			t.Errorf("reported to %v, want %s", ev.ReportedTo, to)
		}
	}
	for _, q := range r.Quotes {
		if strings.HasPrefix(q.Text, "The retailer said") && q.Speaker != "org/ridgeway-stores" {
			t.Errorf("\"The retailer said\" spoken by %q, want Ridgeway Stores", q.Speaker)
		}
	}
}

func TestExtractor_Extract_countsInWords(t *testing.T) {
	t.Parallel()
	_, r := load(t, "counts-and-says")
	if len(r.Events) != 1 {
		t.Fatalf("got %d breaches, want 1", len(r.Events))
	}
	for _, n := range []int{2400000, 3000000} { // "2.4m customers", "three million former customers"
		if !containsInt(r.Events[0].Affected, n) {
			t.Errorf("affected %v lacks %d", r.Events[0].Affected, n)
		}
	}
}

// TestExtractor_Extract_countsNotAffected checks that a day of the month
// ("Jan. 9 when staff") and the size of an organisation ("manages about
// 12,500 homes") are not counts of people affected.
func TestExtractor_Extract_countsNotAffected(t *testing.T) {
	t.Parallel()
	_, r := load(t, "counts-dates")
	if len(r.Events) != 1 {
		t.Fatalf("got %d breaches, want 1", len(r.Events))
	}
	if got := r.Events[0].Affected; len(got) != 1 || got[0] != 6300 {
		t.Errorf("affected %v, want only the 6,300 tenants", got)
	}
}

func TestExtractor_Extract_noBreach(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"particles-and-continuations", "politics"} {
		_, r := load(t, name)
		if len(r.Events) != 0 {
			t.Errorf("%s: got breaches %+v, want none", name, r.Events)
		}
	}
}

// TestExtractor_Extract_supplier checks that a supplier named by the
// article is linked to its client and is the breach's via.
func TestExtractor_Extract_supplier(t *testing.T) {
	t.Parallel()
	_, r := load(t, "named-supplier")
	names := map[string]string{}
	var sup extract.Entity
	for _, e := range r.Entities {
		names[e.Key] = e.Name
		if e.Name == "Digital ID" {
			sup = e
		}
	}
	if names[sup.Client] != "Greater Manchester Police" {
		t.Errorf("Digital ID's client = %q, want Greater Manchester Police", names[sup.Client])
	}
	if len(r.Events) != 1 || names[r.Events[0].Via] != "Digital ID" {
		t.Errorf("breaches %+v: want one via Digital ID", r.Events)
	}
}

// TestExtractor_Extract_supplierAppositive checks that "X, a firm that
// supplies ..." makes X the supplier its client's "its supplier" refers
// to, and that generic plurals name no supplier.
func TestExtractor_Extract_supplierAppositive(t *testing.T) {
	t.Parallel()
	_, r := load(t, "supplier-appositive")
	names := map[string]string{}
	for _, e := range r.Entities {
		names[e.Key] = e.Name
	}
	for _, e := range r.Entities {
		if strings.HasSuffix(e.Key, "/supplier") {
			t.Errorf("unnamed supplier %q: \"its supplier\" is Corlan Data, and \"software suppliers across Europe\" no one's", e.Name)
		}
		if e.Name != "Corlan Data" {
			continue
		}
		if e.Kind != extract.KindSupplier || names[e.Client] != "Hexham District Council" {
			t.Errorf("Corlan Data: kind %q, client %q; want a supplier of Hexham District Council", e.Kind, names[e.Client])
		}
		for _, a := range e.Aliases {
			if a == "supplier" {
				t.Errorf("Corlan Data has the common noun %q as an alias", a)
			}
		}
	}
	if len(r.Events) != 1 || names[r.Events[0].Victim] != "Hexham District Council" || names[r.Events[0].Via] != "Corlan Data" {
		t.Errorf("breaches %+v: want one of Hexham District Council via Corlan Data", r.Events)
	}
}

// TestExtractor_Extract_supplierWithModifier checks "its payroll
// supplier, Ferncastle Data," names the supplier of the council.
func TestExtractor_Extract_supplierWithModifier(t *testing.T) {
	t.Parallel()
	_, r := load(t, "payroll-supplier")
	names := map[string]string{}
	for _, e := range r.Entities {
		names[e.Key] = e.Name
	}
	for _, e := range r.Entities {
		if e.Name == "Ferncastle Data" {
			if e.Kind != extract.KindSupplier || names[e.Client] != "Kingsmere Borough Council" {
				t.Errorf("Ferncastle Data: kind %q client %q, want a supplier of Kingsmere Borough Council", e.Kind, names[e.Client])
			}
			if len(r.Events) != 1 || names[r.Events[0].Via] != "Ferncastle Data" {
				t.Errorf("breaches %+v: want one via Ferncastle Data", r.Events)
			}
			return
		}
	}
	t.Errorf("Ferncastle Data not found in %+v", r.Entities)
}

// TestExtractor_Extract_sameBreachSameKey checks that two outlets telling
// one breach in different words give it one key, and that two breaches of
// one victim told in one article keep two.
func TestExtractor_Extract_sameBreachSameKey(t *testing.T) {
	t.Parallel()
	x := extractor()
	ctx := context.Background()
	texts := []string{
		"Hollowell Water said on Tuesday that hackers had accessed its customer database.\nThe company said the names of 3,100 customers were taken.",
		"Hollowell Water has suffered a data breach affecting 3,100 customers.\nThe firm said criminals using ransomware were responsible.",
	}
	var keys []string
	for i, text := range texts {
		r, err := x.Extract(ctx, corpus.Article{ID: fmt.Sprint("outlet", i), Body: text})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Events) != 1 {
			t.Fatalf("outlet %d: got %d breaches %+v, want 1", i, len(r.Events), r.Events)
		}
		keys = append(keys, r.Events[0].Key)
	}
	if keys[0] != keys[1] {
		t.Errorf("one breach, two keys: %q and %q", keys[0], keys[1])
	}
	r, err := x.Extract(ctx, corpus.Article{ID: "two", Body: "Hollowell Water said hackers had accessed its customer database in May.\n" +
		"Days later, Hollowell Water disclosed that a laptop holding staff records had been stolen from an engineer's van."})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Events) != 2 || r.Events[0].Key == r.Events[1].Key {
		t.Errorf("two breaches of one victim: got %+v", r.Events)
	}
}

// A two-word head ("Building Society") may be left off a name once it is
// given in full, and a plural possessive stays inside a name ("Tenants'
// Federation").
func TestExtractor_Extract_orgShortForms(t *testing.T) {
	t.Parallel()
	_, r := load(t, "org-short-forms")
	var orgs, people []string
	for _, e := range r.Entities {
		switch e.Type {
		case extract.Organization:
			orgs = append(orgs, e.Name)
		case extract.Person:
			people = append(people, e.Name)
		}
	}
	for _, want := range []string{"Harrowgate Building Society", "Upton Tenants' Federation", "Elmfield Wanderers"} {
		if !contains(orgs, want) {
			t.Errorf("organisations %q lack %q", orgs, want)
		}
	}
	for _, p := range people {
		if p != "Lena Frost" {
			t.Errorf("unexpected person %q (people %q)", p, people)
		}
	}
}

// "said Eastwick resident Marion Blake": a member of the public's
// description stands between the speech verb and the name.
func TestExtractor_Extract_publicDescriptors(t *testing.T) {
	t.Parallel()
	_, r := load(t, "public-descriptors")
	want := map[string]string{"I just hope": "person/marion-blake", "It worries me": "person/marion-blake", "We want answers": "person/tom-ashby"}
	for _, q := range r.Quotes {
		for start, sp := range want {
			if strings.HasPrefix(q.Text, start) {
				if q.Speaker != sp {
					t.Errorf("%q: speaker %q, want %q", q.Text, q.Speaker, sp)
				}
				delete(want, start)
			}
		}
	}
	for start := range want {
		t.Errorf("no quote %q", start)
	}
}

// TestExtractor_Extract_reportedToClause checks that of "X is not
// involved, but Y has been informed" only Y was told of the breach, and
// that a named supplier that exposed the data is the breach's via.
func TestExtractor_Extract_reportedToClause(t *testing.T) {
	t.Parallel()
	_, r := load(t, "possessive-retailer")
	names := map[string]string{}
	for _, e := range r.Entities {
		names[e.Key] = e.Name
	}
	if len(r.Events) != 1 {
		t.Fatalf("got %d breaches, want 1", len(r.Events))
	}
	ev := r.Events[0]
	var told []string
	for _, k := range ev.ReportedTo {
		told = append(told, names[k])
	}
	if !slices.Equal(told, []string{"Information Commissioner's Office"}) {
		t.Errorf("reported to %q, want only the Information Commissioner's Office", told)
	}
	if names[ev.Via] != "Pointwise Marketing Ltd" {
		t.Errorf("via %q, want Pointwise Marketing Ltd", names[ev.Via])
	}
}

// TestExtractor_Extract_worryIsNoExposure checks that data someone fears
// for ("worried about their bank details") is not exposed.
func TestExtractor_Extract_worryIsNoExposure(t *testing.T) {
	t.Parallel()
	_, r := load(t, "academy-trust")
	if len(r.Events) != 1 {
		t.Fatalf("got %d breaches, want 1", len(r.Events))
	}
	if ev := r.Events[0]; slices.Contains(ev.Exposed, "bank account details") || !slices.Contains(ev.Exposed, "names") {
		t.Errorf("exposed %v: want names, not the bank details families worry about", ev.Exposed)
	}
}
