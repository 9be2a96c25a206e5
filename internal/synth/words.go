package synth

// The word lists the generator combines. The places are invented.

var firstNames = []string{
	"Adam", "Alice", "Amara", "Andrew", "Anna", "Ben", "Bethany", "Carl", "Caroline", "Chloe",
	"Daniel", "David", "Deborah", "Edward", "Eleanor", "Emma", "Fiona", "Gareth", "Grace", "Hannah",
	"Harry", "Helen", "Ian", "Imogen", "Jack", "James", "Jane", "Joanna", "Jonathan", "Karen",
	"Kevin", "Laura", "Liam", "Lucy", "Mark", "Martin", "Megan", "Michael", "Naomi", "Neil",
	"Nicola", "Oliver", "Olivia", "Owen", "Patrick", "Paul", "Priya", "Rachel", "Richard", "Rosa",
	"Samuel", "Sarah", "Simon", "Sophie", "Stephen", "Susan", "Thomas", "Victoria", "William", "Zoe",
}

var lastNames = []string{
	"Abbott", "Ahmed", "Archer", "Bailey", "Barker", "Bennett", "Brennan", "Burton", "Carver", "Chandler",
	"Clarke", "Collins", "Cooper", "Dalton", "Davies", "Dawson", "Ellis", "Farrow", "Fletcher", "Foster",
	"Garner", "Gibson", "Graham", "Hale", "Harding", "Hartley", "Hayes", "Holland", "Hughes", "Irving",
	"Jarvis", "Jenkins", "Kaur", "Keller", "Kendrick", "Lambert", "Lawson", "Lowe", "Mahoney", "Marsh",
	"Mason", "Mercer", "Moreton", "Nash", "Norris", "Okafor", "Osborne", "Palmer", "Patel", "Pearson",
	"Quinn", "Ramsey", "Reid", "Rowland", "Sawyer", "Sexton", "Shah", "Sinclair", "Slater", "Spencer",
	"Sutton", "Thornton", "Tucker", "Turner", "Underwood", "Vaughan", "Wade", "Walsh", "Warren", "Webb",
	"Whitaker", "Winter", "Wolfe", "Wright", "Yates", "Young",
}

var places = []string{
	"Ashbury", "Blackmoor", "Bramwell", "Calderford", "Carrowdale", "Copperfield", "Dunmere", "Eastwick",
	"Elmridge", "Fallowfield", "Fenwick", "Glenholme", "Greyhaven", "Harrowgate", "Hollinsworth", "Ivybridge",
	"Kestrel Bay", "Kingsmere", "Larkhill", "Lowmoor", "Marlow Vale", "Millbrook", "Northbridge", "Oakhampton",
	"Pennington", "Queensmouth", "Ravensworth", "Redcliffe", "Saltmarsh", "Southmere", "Stonebridge", "Thornbury",
	"Upperton", "Westerleigh", "Whitford", "Wickham", "Windermoor", "Wolverleigh", "Yarrowby", "Zennor Cross",
}

var companyWords = []string{
	"Apex", "Beacon", "Bluegate", "Brightline", "Cobalt", "Copperline", "Crestview", "Datavale", "Ember",
	"Fairway", "Granite", "Harbourline", "Ironbridge", "Keystone", "Lattice", "Meridian", "Northstar", "Oakleaf",
	"Pinnacle", "Quarry", "Redwood", "Silverline", "Summit", "Trident", "Vantage", "Westgate",
}

var companyNouns = []string{"Systems", "Data Services", "Software", "Technologies", "Solutions", "Networks"}

// titles are the roles people hold, by kind of organisation.
var titles = map[string][]string{
	"police":    {"chief constable", "deputy chief constable", "assistant chief constable", "head of information security"},
	"council":   {"chief executive", "leader", "director of resources", "head of digital services"},
	"health":    {"chief executive", "medical director", "chief information officer", "chair"},
	"company":   {"chief executive", "managing director", "chief technology officer", "head of security"},
	"union":     {"chair", "vice chair", "general secretary"},
	"regulator": {"deputy commissioner", "director of investigations", "head of cyber security"},
	"agency":    {"director general", "deputy director", "head of the cyber crime unit"},
}

// groups are the people whose data a victim holds.
var groups = map[string][]string{
	"police":  {"officers", "officers and staff", "police staff", "officers and civilian staff"},
	"council": {"residents", "staff", "tenants", "council employees"},
	"health":  {"patients", "staff", "nurses and doctors"},
}

var exposable = []string{
	"names", "home addresses", "phone numbers", "email addresses", "dates of birth", "ranks",
	"photographs", "bank details", "salary details", "vetting levels", "national insurance numbers",
}

var causes = []string{"cyber attack", "ransomware attack", "hack", "data leak", "security breach"}

var quoteStarts = []string{
	"We are working closely with the regulator, and",
	"We take the security of personal information extremely seriously and",
	"This is a deeply worrying incident and",
	"Our priority is the people affected, and",
	"Nobody should have to worry about their safety because of a supplier's failure, and",
	"We have contacted everyone whose details were involved and",
	"It is simply not good enough, and",
	"The investigation is at an early stage, but",
	"We apologise to everyone affected and",
	"Officers and staff deserve better, and",
}

var quoteEnds = []string{
	"we will not rest until we know exactly what happened",
	"ORG will publish what it finds",
	"we have asked for a full independent review",
	"there is no evidence the data has been misused",
	"lessons must be learned across the whole sector",
	"we are offering support to anyone who is worried",
	"the systems involved have now been secured",
	"we expect answers within weeks, not months",
}

var partials = []string{
	"entirely unacceptable", "a wake-up call", "contained within hours", "a serious failure",
	"deeply concerning", "under control", "not the first warning",
}

var filler = []string{
	"The incident is the latest in a series of attacks on public bodies and their suppliers.",
	"Experts have warned that personal details can be used for fraud and intimidation.",
	"People who are worried about their data have been told to watch for suspicious calls and emails.",
	"A helpline has been set up for those affected.",
	"The organisation did not say how the attackers gained access.",
	"Questions have been raised about how suppliers are vetted before they are given access to sensitive records.",
	"It is not yet known whether any of the information has been published online.",
}

var outlets = []string{
	"The Example Herald", "Daily Courier", "Evening Gazette", "The Northern Post", "Metro Wire",
	"Tech Bulletin", "County Chronicle",
}
