package extract

// givenNames holds common given names. A capitalised pair standing where a
// speaker stands ("Harbourside Water said") is read as a person only when
// prose tags it as one, a title or honorific goes with it, or it starts
// with one of these names.
var givenNames = setOf(`
aaron abdul abigail adam adrian ahmed aisha alan albert alex alexander alexandra ali alice alison amanda
amelia amir amy ana andrea andrew andy angela ann anna anne annie anthony antonio arthur ashley barbara barry
ben benjamin beth bill bob boris brian bruce carl carlos carol caroline catherine charles charlie charlotte
chloe chris christina christine christopher claire clare colin craig dal dan daniel danny darren dave david
dawn dean deborah debbie denis dennis diana diane dominic donald donna dylan ed eddie edward elaine eleanor
elizabeth ellie emily emma eric fatima fiona frances francesca frank fred gail gareth gary gavin george
georgia gerald gillian gordon grace graham greg gregory hannah harriet harry hassan heather helen henry holly
hugh ian isaac isabel jack jackie jacob jake james jamie jan jane janet jasmine jason jean jeff jennifer
jenny jeremy jessica jill jim jo joan joanna joe john jon jonathan joseph josh joshua joy judith julia julian
julie justin karen kate katherine kathleen katie keith kelly ken kenneth kevin kim laura lauren lee leo lewis
liam linda lisa liz louise lucy luke lydia maria mark martin mary matt matthew megan melanie michael michelle
mike mohamed mohammed muhammad nadia naomi natalie nathan neil nicholas nick nicola nigel oliver olivia omar
owen pam pamela patricia patrick paul paula peter philip phil priya rachel rajesh ravi rebecca rhys richard
rick rob robert robin roger ronald rory rose ruth ryan sadiq sally sam samantha samuel sandra sara sarah
scott sean shaun sharon simon sophie stephen steve steven stuart sue susan suzanne tanya teresa theresa thomas
tim timothy tina tom tony tracy vanessa vicky victoria vincent wendy william yasmin yvette zoe
`)
