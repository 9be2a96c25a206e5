package extract

import "strings"

// Given names that are, in English-language news, nearly always a
// woman's or a man's: a "she" does not refer to a Donald, nor a "he" to a
// Hillary. Names used for both are in neither list.
var (
	femaleNames = setOf(`abigail ada adriana agnes aileen aisha alexandra alexis alice alicia alison allison amanda amber
	amelia amy ana andrea angela angelina anita ann anna anne annette annie antonia april arlene ashley audrey barbara
	beatrice becky belinda bernadette beth bethany betsy betty beverly bonnie brenda bridget brittany camila candace
	carla carmen carol carole caroline carolyn catherine cathy cecilia charlotte cheryl chelsea chloe christina
	christine cindy claire clara claudia colleen connie constance cynthia daisy dana daniela danielle daphne darlene
	dawn debbie deborah debra denise diana diane donna doris dorothy edith eileen elaine eleanor elena elisabeth
	elise eliza elizabeth ella ellen emily emma erica erin esther eva evelyn felicia fiona florence frances
	gabriela gabrielle gail georgia geraldine gillian gina giselle gladys gloria grace gwen gwendolyn hannah harriet
	hazel heather heidi helen helena hilary hillary holly hope ida ingrid irene iris isabel isabella ivanka jackie
	jacqueline jane janet janice jasmine jean jeanne jennifer jenny jessica jill joan joanna joanne josephine joy
	joyce judith judy julia julie june karen karin kate katherine kathleen kathryn kathy katie kayleigh kelly
	kellyanne kimberly kirsten kristen kristin laura lauren leah leslie lillian linda lindsay lindsey lisa liz lois
	loretta lori lorraine louise lucy lydia lynn madeleine madison maggie mara margaret maria marian marie marilyn
	marion marjorie martha mary maureen maxine megan melania melanie melinda melissa michelle mildred miriam molly
	monica nancy naomi natalie natasha nicole nikki nina nora norma olivia pamela patricia paula pauline peggy
	penelope penny phyllis priscilla rachel rebecca regina renee rita roberta rosa rosalind rose rosemary ruth
	sally samantha sandra sara sarah sharon sheila shelley sherry shirley sofia sonia sophia sophie stacey
	stephanie susan susanne suzanne sylvia tamara tammy tanya teresa theresa tiffany tina tracey tracy ursula
	valerie vanessa vera veronica victoria virginia vivian wanda wendy yvonne zoe`)
	maleNames = setOf(`aaron abraham adam adrian ahmed alan albert alex alexander alfred ali allen alvin andrew andy
	angus anthony antonio arnold arthur barack barry ben benjamin bernard bernie bill billy bob bobby boris brad
	bradley brandon brett brian bruce bryan calvin carl carlos cecil charles charlie chester chris christopher chuck
	clarence claude clifford clint clinton colin craig curtis dale dan daniel danny darren dave david dean dennis
	derek dick donald doug douglas duane dwight earl eddie edgar edward edwin elijah elliot emmanuel eric ernest
	eugene evan francis frank franklin fred frederick gabriel gary gavin gene geoffrey george gerald gilbert glenn
	gordon graham greg gregory harold harry harvey hector henry herbert howard hugh ian isaac ivan jack jacob jake
	james jared jason jeb jeff jeffrey jeremy jerome jerry jesse jim jimmy joe joel john johnny jon jonathan jorge
	jose joseph josh joshua juan julian justin keith ken kenneth kevin kurt kyle lance larry lawrence leo leon
	leonard leroy lester lewis lloyd louis luis luke malcolm marco marcus mario mark martin marvin matt matthew
	maurice max melvin michael miguel mike mitch mitchell mohammed muhammad nathan neil nelson nicholas nick noah
	norman oliver oscar owen patrick paul pedro perry peter phil philip rafael ralph randy raul ray raymond reggie
	reince ricardo richard rick ricky rob robert rodney roger roland ron ronald ross roy rudy russell ryan sam
	samuel scott sean sergio seth shane shawn stanley stephen steve steven stuart ted terry thomas tim timothy todd
	tom tommy tony travis trevor troy tyler vernon victor vincent vladimir walter warren wayne wesley william willie
	xavier zachary`)
)

// genderOf returns "he" or "she" for an entity whose first name or
// honorific says which, "" when nothing does.
func (d *doc) genderOf(e int) string {
	if e < 0 || d.ents[e].typ != Person {
		return ""
	}
	first, _, _ := strings.Cut(strings.ToLower(d.ents[e].name), " ")
	switch {
	case femaleNames[first]:
		return "she"
	case maleNames[first]:
		return "he"
	}
	return ""
}

// genderClash reports whether pronoun (he or she) cannot refer to entity e.
func (d *doc) genderClash(pronoun string, e int) bool {
	if pronoun != "he" && pronoun != "she" {
		return false
	}
	g := d.genderOf(e)
	return g != "" && g != pronoun
}
