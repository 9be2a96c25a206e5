package fastprose

// emoticonData lists, separated by single spaces, the emoticons that prose
// v2.0.0 keeps as single tokens and tags SYM. It is data of prose's format
// that identical tokenization needs; TestEmoticons checks every entry
// against prose.
const emoticonData = "(-8 (-; (-_-) (._.) (: (= (o: (¬_¬) (ಠ_ಠ) (╯°□°）╯︵┻━┻ -__- " +
	"8-) 8-D 8D :( :(( :((( :() :))) :-) :-)) :-))) :-* :-/ :-X " +
	":-] :-o :-p :-x :-| :-} :0 :3 :P :] :`( :`) :`-( :o :o) =( " +
	"=) =D =| @_@ O.o O_o V_V XDD [-: ^___^ o_0 o_O o_o v_v xD " +
	"xDD ¯\\(ツ)/¯"
