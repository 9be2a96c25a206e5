package extract

// knownOrg is a gazetteer entry: an organisation with its canonical name,
// kind and the other names news uses for it.
type knownOrg struct {
	name    string
	kind    string
	aliases []string
}

// knownOrgs lists organisations that news names in ways our generic rules
// cannot resolve (nicknames, buildings standing for an institution,
// acronyms that are never defined in the text). Forces and institutions
// whose names follow the usual "X Police" / "X Agency" pattern need no entry.
var knownOrgs = []knownOrg{
	// police forces
	{"Metropolitan Police Service", KindPoliceForce, []string{"Metropolitan Police", "Met Police", "Met", "MPS", "Scotland Yard", "New Scotland Yard", "Metropolitan Police force", "Met Police Service"}},
	{"Police Service of Northern Ireland", KindPoliceForce, []string{"PSNI"}},
	{"Police Scotland", KindPoliceForce, nil},
	{"City of London Police", KindPoliceForce, nil},
	{"British Transport Police", KindPoliceForce, []string{"BTP"}},
	{"Greater Manchester Police", KindPoliceForce, []string{"GMP"}},
	{"West Midlands Police", KindPoliceForce, nil},
	{"Thames Valley Police", KindPoliceForce, nil},
	{"Dyfed-Powys Police", KindPoliceForce, nil},
	{"Devon and Cornwall Police", KindPoliceForce, nil},
	{"Avon and Somerset Police", KindPoliceForce, nil},
	{"Police Federation of England and Wales", KindStaffAssociation, []string{"Police Federation"}},
	{"New York City Police Department", KindPoliceForce, []string{"NYPD", "New York Police Department"}},
	{"Los Angeles Police Department", KindPoliceForce, []string{"LAPD"}},
	{"An Garda Síochána", KindPoliceForce, []string{"Garda", "Gardaí", "Garda Siochana"}},
	// agencies, regulators, government
	{"National Crime Agency", KindAgency, []string{"NCA"}},
	{"Crown Prosecution Service", KindAgency, []string{"CPS"}},
	{"Information Commissioner's Office", KindRegulator, []string{"ICO", "Information Commissioner", "information commissioner", "Information Commissioners Office", "UK Information Commissioner's Office"}},
	{"National Cyber Security Centre", KindAgency, []string{"NCSC"}},
	{"Independent Office for Police Conduct", KindRegulator, []string{"IOPC"}},
	{"His Majesty's Inspectorate of Constabulary and Fire & Rescue Services", KindRegulator, []string{"HMICFRS"}},
	{"Serious Fraud Office", KindAgency, []string{"SFO"}},
	{"Financial Conduct Authority", KindRegulator, []string{"FCA"}},
	{"Competition and Markets Authority", KindRegulator, []string{"CMA"}},
	{"Ofcom", KindRegulator, nil},
	{"Ofsted", KindRegulator, nil},
	{"Ofgem", KindRegulator, nil},
	{"Home Office", KindGovernment, nil},
	{"Ministry of Defence", KindGovernment, []string{"MoD", "MOD"}},
	{"Ministry of Justice", KindGovernment, []string{"MoJ"}},
	{"Cabinet Office", KindGovernment, nil},
	{"Foreign Office", KindGovernment, []string{"FCDO"}},
	{"Department for Education", KindGovernment, []string{"DfE"}},
	{"Department of Health and Social Care", KindGovernment, []string{"DHSC"}},
	{"HM Revenue and Customs", KindGovernment, []string{"HMRC"}},
	{"Downing Street", KindGovernment, []string{"No 10", "Number 10"}},
	{"National Health Service", KindHealth, []string{"NHS"}},
	{"Federal Bureau of Investigation", KindAgency, []string{"FBI"}},
	{"Cybersecurity and Infrastructure Security Agency", KindAgency, []string{"CISA"}},
	{"Federal Trade Commission", KindRegulator, []string{"FTC"}},
	{"Securities and Exchange Commission", KindRegulator, []string{"SEC"}},
	{"Department of Justice", KindGovernment, []string{"DOJ", "Justice Department"}},
	{"Europol", KindAgency, nil},
	{"Interpol", KindAgency, nil},
	{"European Commission", KindGovernment, nil},
	{"United Nations", KindGovernment, []string{"UN", "U.N."}},
	{"European Union", KindGovernment, []string{"EU", "E.U."}},
	// political parties
	{"Conservative Party", KindPolitical, []string{"Conservatives", "Tories", "Tory Party", "Conservative"}},
	{"Labour Party", KindPolitical, []string{"Labour"}},
	{"Liberal Democrats", KindPolitical, []string{"Lib Dems", "Liberal Democrat"}},
	{"Scottish National Party", KindPolitical, []string{"SNP"}},
	{"Reform UK", KindPolitical, nil},
	{"Green Party", KindPolitical, []string{"Greens"}},
	{"Plaid Cymru", KindPolitical, nil},
	{"Democratic Unionist Party", KindPolitical, []string{"DUP"}},
	{"Sinn Féin", KindPolitical, []string{"Sinn Fein"}},
	{"Democratic Party", KindPolitical, []string{"Democrats"}},
	{"Republican Party", KindPolitical, []string{"Republicans", "GOP"}},
	// media
	{"BBC", KindMedia, []string{"BBC News", "British Broadcasting Corporation"}},
	{"The Sun", KindMedia, []string{"Sun", "The Sun on Sunday", "Sun on Sunday"}},
	{"The Guardian", KindMedia, []string{"Guardian"}},
	{"The Times", KindMedia, []string{"Times", "Sunday Times", "The Sunday Times"}},
	{"The Telegraph", KindMedia, []string{"Telegraph", "Daily Telegraph", "The Daily Telegraph"}},
	{"Daily Mail", KindMedia, []string{"Mail", "Mail on Sunday", "The Mail on Sunday", "MailOnline"}},
	{"Daily Express", KindMedia, []string{"Express", "Sunday Express"}},
	{"Daily Mirror", KindMedia, []string{"Mirror", "The Mirror"}},
	{"The Independent", KindMedia, []string{"Independent"}},
	{"Financial Times", KindMedia, []string{"FT", "The Financial Times"}},
	{"Sky News", KindMedia, []string{"Sky"}},
	{"ITV News", KindMedia, []string{"ITV"}},
	{"Channel 4 News", KindMedia, nil},
	{"Reuters", KindMedia, nil},
	{"Associated Press", KindMedia, []string{"AP", "The Associated Press"}},
	{"Agence France-Presse", KindMedia, []string{"AFP"}},
	{"PA Media", KindMedia, []string{"Press Association"}},
	{"Bloomberg", KindMedia, nil},
	{"CNN", KindMedia, nil},
	{"The New York Times", KindMedia, []string{"New York Times", "NYT"}},
	{"The Washington Post", KindMedia, []string{"Washington Post"}},
	{"The Wall Street Journal", KindMedia, []string{"Wall Street Journal", "WSJ"}},
	{"The Record", KindMedia, nil},
	{"TechCrunch", KindMedia, nil},
	{"Wired", KindMedia, nil},
	{"Le Monde", KindMedia, nil},
	{"Le Figaro", KindMedia, nil},
	{"Libération", KindMedia, nil},
	{"Der Spiegel", KindMedia, []string{"Spiegel"}},
	{"Die Zeit", KindMedia, nil},
	{"Bild", KindMedia, nil},
	{"El País", KindMedia, nil},
	{"Al Jazeera", KindMedia, nil},
	{"Politico", KindMedia, nil},
	{"Axios", KindMedia, nil},
	{"The Irish Times", KindMedia, []string{"Irish Times"}},
	{"The Scotsman", KindMedia, []string{"Scotsman"}},
	{"Evening Standard", KindMedia, []string{"The Evening Standard", "London Evening Standard"}},
	{"Metro", KindMedia, nil},
	{"HuffPost", KindMedia, []string{"Huffington Post"}},
	{"NBC News", KindMedia, []string{"NBC"}},
	{"CBS News", KindMedia, []string{"CBS"}},
	{"ABC News", KindMedia, []string{"ABC"}},
	{"Fox News", KindMedia, nil},
	{"NPR", KindMedia, nil},
	{"The Verge", KindMedia, nil},
	{"Ars Technica", KindMedia, nil},
	{"BleepingComputer", KindMedia, nil},
	{"The Register", KindMedia, nil},
	{"ZDNet", KindMedia, nil},
}

// orgHeads are words that end organisation names, with the kind they
// suggest ("" leaves the kind to other evidence).
var orgHeads = map[string]string{
	"police": KindPoliceForce, "constabulary": KindPoliceForce, "constabularies": KindPoliceForce,
	"agency": KindAgency, "bureau": KindAgency, "service": KindAgency, "services": KindAgency,
	"office": KindGovernment, "ministry": KindGovernment, "department": KindGovernment, "council": KindGovernment,
	"government": KindGovernment, "parliament": KindGovernment, "assembly": KindGovernment, "executive": KindGovernment,
	"commission": KindRegulator, "authority": KindRegulator, "regulator": KindRegulator, "inspectorate": KindRegulator,
	"ombudsman":  KindRegulator,
	"federation": KindStaffAssociation, "union": KindStaffAssociation, "association": KindStaffAssociation,
	"guild": KindStaffAssociation, "congress": KindStaffAssociation, "society": KindOrganization,
	"bank": KindCompany, "inc": KindCompany, "ltd": KindCompany, "limited": KindCompany, "plc": KindCompany,
	"llc": KindCompany, "llp": KindCompany, "sa": KindCompany, "ag": KindCompany, "gmbh": KindCompany,
	"nv": KindCompany, "bv": KindCompany, "spa": KindCompany, "ab": KindCompany, "asa": KindCompany, "pty": KindCompany, "corp": KindCompany, "corporation": KindCompany, "company": KindCompany,
	"group": KindCompany, "holdings": KindCompany, "technologies": KindCompany, "systems": KindCompany,
	"solutions": KindCompany, "airways": KindCompany, "airlines": KindCompany, "partners": KindCompany,
	"labs": KindCompany, "software": KindCompany, "networks": KindCompany, "communications": KindCompany,
	"university": KindEducation, "college": KindEducation, "school": KindEducation, "academy": KindEducation,
	"institute": KindEducation,
	"hospital":  KindHealth, "trust": KindHealth, "nhs": KindHealth, "clinic": KindHealth,
	"court": KindCourt, "tribunal": KindCourt,
	"party":      KindPolitical,
	"foundation": KindCharity, "charity": KindCharity,
	"committee": KindGovernment, "board": KindOrganization, "centre": KindOrganization, "center": KindOrganization,
	"organisation": KindOrganization, "organization": KindOrganization, "network": KindOrganization,
	"newspaper": KindMedia, "news": KindMedia, "times": KindMedia, "post": KindMedia, "herald": KindMedia,
	"water": KindCompany, "energy": KindCompany, "rail": KindCompany, "railways": KindCompany, "airport": KindCompany,
	"telecom": KindCompany, "pharmaceuticals": KindCompany, "motors": KindCompany, "insurance": KindCompany,
	"capital": KindCompany, "ventures": KindCompany, "media": KindMedia, "studios": KindCompany, "hotels": KindCompany,
	"logistics": KindCompany, "panel": KindOrganization, "forum": KindOrganization, "alliance": KindOrganization,
	"coalition": KindOrganization, "watch": KindCharity, "campaign": KindCharity,
	"gazette": KindMedia, "tribune": KindMedia, "chronicle": KindMedia, "journal": KindMedia,
	"courier": KindMedia, "echo": KindMedia, "argus": KindMedia, "mercury": KindMedia, "advertiser": KindMedia,
	"observer": KindMedia, "wire": KindMedia, "homes": KindOrganization, "solicitors": KindCompany,
	"payments": KindCompany, "outfitters": KindCompany, "intel": KindCompany, "intelligence": KindCompany,
	"stores": KindCompany, "brands": KindCompany, "pharmacy": KindCompany, "trading": KindCompany,
}

// notOrgHeads end capitalised phrases that name laws, events and concepts,
// never organisations ("Terrorism Act", "Freedom of Information").
var notOrgHeads = map[string]bool{
	"act": true, "bill": true, "information": true, "regulation": true, "regulations": true, "law": true,
	"day": true, "week": true, "cup": true, "awards": true, "report": true, "review": true, "inquiry": true,
	"street": true, "road": true, "avenue": true, "square": true, "bridge": true, "motorway": true,
	"ireland": true, "england": true, "wales": true, "scotland": true, "kingdom": true, "states": true,
}

// titleWords make up job titles ("vice chair", "Chief Superintendent",
// "Police and Crime Commissioner").
var titleWords = map[string]bool{
	"chair": true, "chairman": true, "chairwoman": true, "chairperson": true, "vice": true, "deputy": true,
	"chief": true, "executive": true, "officer": true, "director": true, "president": true, "secretary": true,
	"minister": true, "commissioner": true, "superintendent": true, "inspector": true, "constable": true,
	"sergeant": true, "detective": true, "spokesperson": true, "spokesman": true, "spokeswoman": true,
	"head": true, "leader": true, "founder": true, "co-founder": true, "ceo": true, "cfo": true, "cto": true,
	"ciso": true, "coo": true, "manager": true, "editor": true, "correspondent": true, "reporter": true,
	"analyst": true, "researcher": true, "professor": true, "lecturer": true, "mayor": true, "councillor": true,
	"mp": true, "senator": true, "governor": true, "judge": true, "lawyer": true, "barrister": true,
	"solicitor": true, "general": true, "assistant": true, "commander": true, "partner": true,
	"adviser": true, "advisor": true, "consultant": true, "chancellor": true, "premier": true,
	"ambassador": true, "prosecutor": true, "attorney": true, "coordinator": true, "lead": true,
	"treasurer": true, "trustee": true, "principal": true, "dean": true, "senior": true, "national": true,
	"home": true, "foreign": true, "justice": true, "shadow": true, "prime": true, "acting": true,
	"interim": true, "temporary": true, "det": true, "supt": true, "insp": true, "sgt": true, "dci": true,
	"di": true, "ds": true, "pc": true, "dc": true, "cmdr": true, "police": true, "and": true, "crime": true,
	"of": true, "security": true, "data": true, "protection": true, "information": true, "policing": true,
	"operations": true, "technology": true, "cyber": true, "communications": true, "public": true,
	"affairs": true, "research": true, "state": true, "staff": true, "board": true, "member": true,
	"representative": true, "official": true, "expert": true, "specialist": true, "investigator": true,
	"founding": true, "managing": true, "associate": true, "principal's": true, "head's": true,
	"commandant": true, "marshal": true, "sheriff": true, "captain": true, "lieutenant": true, "colonel": true,
	"major": true, "admiral": true, "bishop": true, "archbishop": true, "king": true, "queen": true,
	"prince": true, "princess": true, "lord": true, "lady": true, "sir": true, "dame": true,
	// portfolios: "Shadow health secretary", "Education Minister"
	"health": true, "education": true, "defence": true, "defense": true, "finance": true, "culture": true,
	"business": true, "transport": true, "energy": true, "environment": true, "treasury": true, "trade": true,
	"work": true, "pensions": true, "digital": true, "housing": true, "communities": true, "science": true,
	"economic": true, "chief's": false, "policy": true, "legal": true, "medical": true, "clinical": true,
	"financial": true, "operating": true, "technical": true, "marketing": true, "commercial": true,
	"nursing": true, "programme": true, "program": true, "regional": true, "local": true, "county": true,
}

// titleHeads are the words a job title must end with.
var titleHeads = map[string]bool{
	"chair": true, "chairman": true, "chairwoman": true, "chairperson": true, "officer": true, "director": true,
	"president": true, "secretary": true, "minister": true, "commissioner": true, "superintendent": true,
	"inspector": true, "constable": true, "sergeant": true, "spokesperson": true, "spokesman": true,
	"spokeswoman": true, "head": true, "leader": true, "founder": true, "co-founder": true, "ceo": true,
	"cfo": true, "cto": true, "ciso": true, "coo": true, "manager": true, "editor": true,
	"correspondent": true, "reporter": true, "analyst": true, "researcher": true, "professor": true,
	"lecturer": true, "mayor": true, "councillor": true, "mp": true, "senator": true, "governor": true,
	"judge": true, "lawyer": true, "barrister": true, "solicitor": true, "general": true, "commander": true,
	"partner": true, "adviser": true, "advisor": true, "consultant": true, "chancellor": true,
	"ambassador": true, "prosecutor": true, "attorney": true, "coordinator": true, "treasurer": true,
	"trustee": true, "principal": true, "dean": true, "executive": true, "member": true, "representative": true,
	"official": true, "expert": true, "specialist": true, "investigator": true, "detective": true,
	"supt": true, "insp": true, "sgt": true, "dci": true, "pc": true, "cmdr": true, "sheriff": true,
	"captain": true, "lieutenant": true, "colonel": true, "major": true, "admiral": true, "marshal": true,
	"commandant": true, "premier": true, "lead": true,
}

// honorifics stand before a name ("Mr Babu", "Dr. Jane Doe").
var honorifics = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "mx": true, "dr": true, "prof": true, "sir": true,
	"dame": true, "lord": true, "lady": true, "rev": true, "mr.": true, "mrs.": true, "ms.": true, "dr.": true,
	"prof.": true, "rev.": true, "cllr": true, "cllr.": true,
}

// countryQualifiers are dropped from the front of organisation names
// ("U.K. National Crime Agency" is the National Crime Agency).
var countryQualifiers = map[string]bool{
	"uk": true, "u.k.": true, "us": true, "u.s.": true, "the": true,
}

// notAcronyms are capitalised abbreviations that never name an entity.
var notAcronyms = map[string]bool{
	"UK": true, "US": true, "USA": true, "IT": true, "FOI": true, "TV": true, "AM": true, "PM": true,
	"CEO": true, "CFO": true, "CTO": true, "DNA": true, "GDPR": true, "ID": true, "OK": true, "PDF": true,
	"CCTV": true, "AI": true, "VPN": true, "HR": true, "PR": true, "GP": true, "MP": true, "MPs": true,
	"QC": true, "KC": true, "RSS": true, "URL": true, "IP": true, "PIN": true, "NI": true, "ET": true,
	"BST": true, "GMT": true, "EST": true, "PST": true, "UTC": true, "COVID": true, "II": true, "III": true,
	"READ": true, "MORE": true, "SIM": true, "API": true, "CVE": true, "SMS": true, "USB": true,
}

// places is a small gazetteer of places news mentions without any marker.
var places = map[string]bool{
	"London": true, "Northern Ireland": true, "Belfast": true, "Omagh": true, "England": true,
	"Scotland": true, "Wales": true, "Ireland": true, "Britain": true, "Great Britain": true,
	"United Kingdom": true, "UK": true, "U.K.": true, "United States": true, "US": true, "U.S.": true,
	"America": true, "Europe": true, "Manchester": true, "Birmingham": true, "Liverpool": true,
	"Leeds": true, "Sheffield": true, "Glasgow": true, "Edinburgh": true, "Cardiff": true, "Bristol": true,
	"Dublin": true, "Paris": true, "Berlin": true, "Washington": true, "New York": true, "Brussels": true,
	"County Tyrone": true, "Norfolk": true, "Suffolk": true, "South Yorkshire": true, "Yorkshire": true,
	"Kent": true, "Essex": true, "Surrey": true, "Sussex": true, "Devon": true, "Cornwall": true,
	"France": true, "Germany": true, "China": true, "Russia": true, "Ukraine": true, "India": true,
	"Australia": true, "Canada": true, "Israel": true, "Iran": true, "Japan": true, "Spain": true,
	"Italy": true, "Netherlands": true, "Poland": true, "Sweden": true, "Norway": true,
}

// dataCategory maps how news names a kind of personal data to one label.
type dataCategory struct {
	label    string
	patterns []string // lower-case surface forms, matched on word boundaries
}

// dataCategories are the kinds of data a breach exposes.
var dataCategories = []dataCategory{
	{"names", []string{"names", "name"}},
	{"surnames", []string{"surnames", "surname", "last names"}},
	{"first initials", []string{"first initials", "first initial", "initials"}},
	{"ranks", []string{"ranks", "rank"}},
	{"grades", []string{"grades", "grade"}},
	{"photos", []string{"photos", "photographs", "photo", "pictures"}},
	{"vetting levels", []string{"vetting levels", "vetting level", "vetting"}},
	{"pay numbers", []string{"pay numbers", "pay number", "pay information", "payroll numbers", "pay details"}},
	{"addresses", []string{"home addresses", "addresses", "address"}},
	{"email addresses", []string{"email addresses", "e-mail addresses", "email address", "e-mail address"}},
	{"phone numbers", []string{"phone numbers", "telephone numbers", "mobile numbers", "phone number"}},
	{"financial details", []string{"financial details", "financial information", "financial data", "bank details", "bank account details", "card details", "payment details"}},
	{"dates of birth", []string{"dates of birth", "date of birth", "birth dates"}},
	{"national insurance numbers", []string{"national insurance numbers", "national insurance number"}},
	{"social security numbers", []string{"social security numbers", "social security number"}},
	{"passwords", []string{"passwords", "login credentials", "credentials"}},
	{"medical records", []string{"medical records", "health records", "medical information", "health data", "patient records", "patient data", "patient information", "patient details", "medical data"}},
	{"roles", []string{"roles", "job titles", "job title"}},
	{"locations", []string{"locations", "where they were based", "where they are based", "where they were stationed", "bases", "base", "work locations"}},
	{"units", []string{"units", "unit they work in", "their unit", "unit", "departments"}},
	{"personnel information", []string{"personnel information", "personnel data", "personnel records", "staff information", "staff data"}},
	{"personal data of victims, witnesses and suspects", []string{"information on victims, witnesses and suspects", "personal identifiable information on victims", "data of victims", "details of victims", "victims, witnesses and suspects", "victims and witnesses"}},
	{"descriptions of offences", []string{"descriptions of offenses", "descriptions of offences", "description of offences", "crime reports", "details of offences", "details of crimes"}},
	{"body-worn camera footage", []string{"body-worn camera footage", "bodycam footage", "body cam footage", "body-worn video", "body worn video", "body camera footage", "bodycam", "body cam"}},
	{"identity cards", []string{"warrant cards", "identity cards", "id cards"}},
	{"salaries", []string{"salaries", "salary", "salary details", "pay grades", "allowances"}},
	{"passport numbers", []string{"passport numbers", "passport details", "passport number"}},
	{"driving licence numbers", []string{"driving licence numbers", "driving licence details", "driver's license numbers", "driving licences"}},
	{"criminal records", []string{"criminal records", "criminal convictions", "conviction details"}},
	{"next of kin", []string{"next of kin", "next-of-kin details", "emergency contacts"}},
	{"ethnicity", []string{"ethnicity", "ethnic origin", "race"}},
	{"religion", []string{"religion", "religious beliefs"}},
	{"sexual orientation", []string{"sexual orientation", "sexuality"}},
	{"signatures", []string{"signatures", "signature"}},
	{"collar numbers", []string{"collar numbers", "shoulder numbers", "warrant numbers", "badge numbers"}},
	{"payroll numbers", []string{"payroll numbers", "employee numbers", "staff numbers", "employee ids"}},
	{"personal data", []string{"personal data", "personal information", "personal details"}},
}
