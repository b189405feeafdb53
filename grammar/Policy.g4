// The policyc language. docs/language.md is the reference; this file is the syntax.
//
// The compiler does not lex with the lexer generated from this file: compiler/parse/Lexer.cpp
// is a hand-written lexer that emits exactly these token types (a differential test keeps the
// two equal on every test file). The parser is fed one top-level item at a time through the
// `unit` rule, so no parse tree outlives its statement. Labels on every sub-rule and token the
// AST builder reads let it work with parse-tree building switched off.
grammar Policy;

// ---------------------------------------------------------------------------------------
// Parser rules
// ---------------------------------------------------------------------------------------

file : item* EOF ;

unit : it=item EOF ;

item
  : policy=policyDecl
  | importItem=importDecl
  | vocabulary=vocabularyDecl
  | consent=consentDecl
  | event=eventDecl
  | permit=ruleStmt
  | never=neverStmt
  | retain=retainStmt
  | right=rightStmt
  | notify=notifyStmt
  | protect=protectStmt
  | note=noteStmt
  | expect=expectStmt
  | empty=SEMI
  ;

// policy "Title" { controller "..."; effective 2016-07-28; ... }
policyDecl : POLICY title=strings LBRACE fields+=policyField* RBRACE ;

policyField
  : kw=CONTROLLER value=strings SEMI
  | kw=EFFECTIVE date=DATE SEMI
  | kw=CONTACT kind=name value=strings SEMI
  | kw=TRANSFERS UNDER frameworks+=name (COMMA frameworks+=name)* SEMI
  | kw=CERTIFICATION value=strings SEMI
  ;

importDecl : IMPORT target=STRING SEMI ;

// category | purpose | recipient | source: a tree of named nodes.
vocabularyDecl : kind=(CATEGORY | PURPOSE | RECIPIENT | SOURCE) root=vocabularyNode ;

vocabularyNode
  : id=name attributes+=attribute* description=strings?
    ( LBRACE children+=vocabularyNode* close=RBRACE | SEMI )
  ;

attribute
  : key=IDENT
  | key=BASIS value=basisName
  ;

basisName : id=name | consentWord=CONSENT ;

consentDecl
  : CONSENT id=name attributes+=attribute* description=strings?
    ( LBRACE withdrawals+=withdrawal* RBRACE | SEMI )
  ;

withdrawal : WITHDRAW VIA channels+=channel (COMMA channels+=channel)* SEMI ;

channel : kind=channelName address=strings? ;

channelName : id=name | linkWord=LINK ;

eventDecl : EVENT id=name description=strings? SEMI ;

// collect | use | disclose | link: permits.
ruleStmt
  : verb=COLLECT what=pathList (FROM sources=pathList)? necessity=(REQUIRED | OPTIONAL)?
    (FOR purposes=pathList only=ONLY?)? condition=consentCondition? SEMI
  | verb=USE what=pathList (FROM sources=pathList)? FOR purposes=pathList only=ONLY?
    condition=consentCondition? SEMI
  | verb=DISCLOSE what=pathList (FROM sources=pathList)? TO recipients=pathList
    (FOR purposes=pathList only=ONLY?)? condition=consentCondition? SEMI
  | verb=LINK what=pathList WITH linked=pathList (FROM sources=pathList)?
    condition=consentCondition? SEMI
  ;

consentCondition : WHEN CONSENT consents+=name (COMMA consents+=name)* ;

// never ...: prohibitions; a prohibition always wins over a permit.
// `never` is factored out so that the choice of verb is an LL(1) decision: a wrong word after
// `never` is then reported as "expected 'collect', 'use', 'disclose' or 'link'".
neverStmt
  : NEVER
    ( verb=COLLECT what=pathList (FROM sources=pathList)?
    | verb=USE what=pathList (FROM sources=pathList)? (FOR purposes=pathList)?
    | verb=DISCLOSE what=pathList (FROM sources=pathList)? TO recipients=pathList
      (FOR purposes=pathList)?
    | verb=LINK what=pathList WITH linked=pathList (FROM sources=pathList)?
    ) SEMI
  ;

// expect allow|deny ...: a decision test (docs/test.md), run by `policyc test`. The verdict
// and `without` are names checked by the AST builder, so that they are not reserved.
expectStmt
  : EXPECT verdict=name
    ( verb=COLLECT what=pathList (FROM sources=pathList)?
    | verb=USE what=pathList (FROM sources=pathList)? (FOR purposes=pathList)?
    | verb=DISCLOSE what=pathList (FROM sources=pathList)? TO recipients=pathList
      (FOR purposes=pathList)?
    | verb=LINK what=pathList WITH linked=pathList (FROM sources=pathList)?
    )
    condition=consentCondition? (without=name CONSENT withdrawn+=name (COMMA withdrawn+=name)*)?
    SEMI
  ;

retainStmt : RETAIN what=pathList (FROM sources=pathList)? period=retention SEMI ;

retention
  : kw=FOR length=duration (AFTER after=name)?
  | kw=WITHIN length=duration (AFTER after=name)?
  | kw=UNTIL event=name
  | kw=WHILE event=name
  | kw=AS NEEDED FOR purposes=pathList
  ;

rightStmt
  : RIGHT rights+=name (COMMA rights+=name)*
    (VIA channels+=channel (COMMA channels+=channel)*)?
    (WITHIN deadline=duration)? SEMI
  ;

notifyStmt
  : NOTIFY notice=name (AT LEAST lead=duration BEFORE)?
    (VIA channels+=channel (COMMA channels+=channel)*)? SEMI
  ;

protectStmt
  : PROTECT what=pathList (FROM sources=pathList)? state=protectionState
    WITH measures+=name (COMMA measures+=name)* description=strings? SEMI
  ;

protectionState : inTransit=IN TRANSIT | atRest=AT REST ;

// A section is a registry word; `use` is one of them although it is also a keyword.
noteStmt : NOTE section=sectionName text=strings SEMI ;

sectionName : id=name | useWord=USE ;

duration : amount=NUMBER unitName=name ;

// A list of paths: `*`, `a`, `a.b.c`, `a.b.*`, separated by commas. Paths hold most names of
// a policy, so this rule is flat: the path and its names are written out instead of being
// rules of their own (a rule invocation per name and per path cost the parser half of its
// time), and the AST builder splits the list's tokens at the commas. The name set is that of
// rule `name`; keep them equal. `.*` is one token so that every decision of the grammar is
// LL(1): a syntax error is then always reported at the token where the choice failed, with
// the tokens that could have come there.
pathList
  : ( STAR
    | ( IDENT | CONTACT | CONTROLLER | EFFECTIVE | TRANSFERS | UNDER | CERTIFICATION | WITHDRAW
      | TRANSIT | REST | LEAST | NEEDED )
      ( DOT ( IDENT | CONTACT | CONTROLLER | EFFECTIVE | TRANSFERS | UNDER | CERTIFICATION
            | WITHDRAW | TRANSIT | REST | LEAST | NEEDED ) )*
      DOT_STAR?
    )
    ( COMMA
      ( STAR
      | ( IDENT | CONTACT | CONTROLLER | EFFECTIVE | TRANSFERS | UNDER | CERTIFICATION | WITHDRAW
        | TRANSIT | REST | LEAST | NEEDED )
        ( DOT ( IDENT | CONTACT | CONTROLLER | EFFECTIVE | TRANSFERS | UNDER | CERTIFICATION
              | WITHDRAW | TRANSIT | REST | LEAST | NEEDED ) )*
        DOT_STAR?
      )
    )*
  ;

// Adjacent string literals concatenate, as in C.
strings : parts+=STRING+ ;

// Keywords that never follow a name are also accepted as names (a category may be called
// `contact`). Statement keywords are reserved: the statement splitter relies on them.
name
  : IDENT
  | CONTACT | CONTROLLER | EFFECTIVE | TRANSFERS | UNDER | CERTIFICATION | WITHDRAW
  | TRANSIT | REST | LEAST | NEEDED
  ;

// ---------------------------------------------------------------------------------------
// Lexer rules. Keep in step with compiler/parse/Lexer.cpp (LexerDifferentialTest checks).
// ---------------------------------------------------------------------------------------

// Statement keywords (reserved)
POLICY : 'policy' ;
IMPORT : 'import' ;
CATEGORY : 'category' ;
PURPOSE : 'purpose' ;
RECIPIENT : 'recipient' ;
SOURCE : 'source' ;
CONSENT : 'consent' ;
EVENT : 'event' ;
COLLECT : 'collect' ;
USE : 'use' ;
DISCLOSE : 'disclose' ;
LINK : 'link' ;
NEVER : 'never' ;
RETAIN : 'retain' ;
RIGHT : 'right' ;
NOTIFY : 'notify' ;
PROTECT : 'protect' ;
NOTE : 'note' ;
EXPECT : 'expect' ;

// Connectives (reserved)
FROM : 'from' ;
FOR : 'for' ;
TO : 'to' ;
ONLY : 'only' ;
WHEN : 'when' ;
REQUIRED : 'required' ;
OPTIONAL : 'optional' ;
WITH : 'with' ;
UNTIL : 'until' ;
WHILE : 'while' ;
AS : 'as' ;
AFTER : 'after' ;
WITHIN : 'within' ;
AT : 'at' ;
BEFORE : 'before' ;
VIA : 'via' ;
IN : 'in' ;
BASIS : 'basis' ;

// Contextual keywords (also usable as names)
CONTACT : 'contact' ;
CONTROLLER : 'controller' ;
EFFECTIVE : 'effective' ;
TRANSFERS : 'transfers' ;
UNDER : 'under' ;
CERTIFICATION : 'certification' ;
WITHDRAW : 'withdraw' ;
TRANSIT : 'transit' ;
REST : 'rest' ;
LEAST : 'least' ;
NEEDED : 'needed' ;

LBRACE : '{' ;
RBRACE : '}' ;
SEMI : ';' ;
COMMA : ',' ;
DOT : '.' ;
STAR : '*' ;
DOT_STAR : '.*' ;

DATE : DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT '-' DIGIT DIGIT ;
NUMBER : DIGIT+ ;
IDENT
  : [A-Za-z_] IDENT_CHAR* ('-' IDENT_CHAR+)*
  | DIGIT+ [A-Za-z_] IDENT_CHAR* ('-' IDENT_CHAR+)*
  ;

STRING : '"' STRING_CHAR* '"' ;
// Errors the compiler reports with their own words instead of a syntax error.
// A backslash at the end (before the line end) belongs to it: one mistake, one token.
UNTERMINATED_STRING : '"' STRING_CHAR* '\\'? ;

LINE_COMMENT : '//' ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN) ;
// A body that never contains `*/`: with `.*?` here, longest match would let this rule swallow
// every block comment that is followed by more text (LexerDifferentialTest found it).
UNTERMINATED_COMMENT : '/*' ( ~'*' | '*'+ ~[*/] )* '*'* EOF ;

WS : [ \t\r\n\f\u000B\uFEFF]+ -> skip ;

ERROR_CHAR : . ;

fragment DIGIT : [0-9] ;
fragment IDENT_CHAR : [A-Za-z0-9_] ;
fragment STRING_CHAR : ~["\\\r\n] | '\\' ~[\r\n] ;
