// Word lists for the demo data: what residents, workers and coordinators in Overvecht would
// write. Dutch on purpose (the app's data is Dutch); kept apart from the generator's logic.

// prettier-ignore
export const FIRST_NAMES = [
	'Fatima', 'Mohamed', 'Ayşe', 'Mehmet', 'Ria', 'Henk', 'Kees', 'Anneke', 'Samira', 'Youssef',
	'Nadia', 'Gerrit', 'Esther', 'Joyce', 'Hüseyin', 'Wilma', 'Yusuf', 'Marleen', 'Dirk', 'Khadija',
	'Anton', 'Sevda', 'Bas', 'Leila', 'Tineke', 'Rachid', 'Gloria', 'Jan', 'Sanne', 'Daan', 'Emma',
	'Lotte', 'Noah', 'Ilse', 'Priya', 'Ahmed', 'Naima', 'Emre', 'Zeynep', 'Karim', 'Sara', 'Mila',
	'Thijs', 'Ingrid', 'Hanneke', 'Bram', 'Aïcha', 'Ibrahim', 'Mirjam', 'Kevin', 'Demi', 'Shanti',
	'Roy', 'Olga', 'Tomasz', 'Agnieszka', 'Abdi', 'Hodan', 'Miriam', 'Soufiane'
];

// prettier-ignore
/** What residents raise at the door, weighted: Overvecht's worries come first. */
export const RESIDENT_THEMES = /** @type {const} */ ([
	['eenzaamheid', 8], ['armoede', 8], ['veiligheid', 7], ['jeugd', 7], ['wonen', 7], ['taal', 5],
	['groen', 5], ['werk', 4], ['gezondheid', 4], ['zorg_voor_elkaar', 4], ['energie', 3],
	['sport', 2], ['cultuur', 2]
]);

// prettier-ignore
/**
 * Residents' capacities: the asset title and the gift a worker notes at the door.
 * @type {{ title: string, gift: 'head' | 'heart' | 'hands', tag: string, themes: string[], domain: string[] }[]}
 */
export const CAPACITIES = [
	{ title: 'Kan fietsen repareren', gift: 'hands', tag: 'fietsen repareren', themes: ['werk', 'zorg_voor_elkaar'], domain: ['fysiek'] },
	{ title: 'Kookt graag voor buren', gift: 'hands', tag: 'koken', themes: ['eenzaamheid', 'zorg_voor_elkaar'], domain: ['sociaal'] },
	{ title: 'Helpt met formulieren en post', gift: 'head', tag: 'formulieren', themes: ['armoede', 'taal'], domain: ['sociaal'] },
	{ title: 'Geeft bijles wiskunde', gift: 'head', tag: 'bijles', themes: ['jeugd'], domain: ['sociaal'] },
	{ title: 'Spreekt Turks en Nederlands, wil tolken', gift: 'head', tag: 'tolken Turks', themes: ['taal'], domain: ['sociaal'] },
	{ title: 'Spreekt Arabisch en Nederlands, wil tolken', gift: 'head', tag: 'tolken Arabisch', themes: ['taal'], domain: ['sociaal'] },
	{ title: 'Gaat graag op bezoek bij ouderen', gift: 'heart', tag: 'bezoek ouderen', themes: ['eenzaamheid', 'zorg_voor_elkaar'], domain: ['sociaal'] },
	{ title: 'Kan naaien en kleding herstellen', gift: 'hands', tag: 'naaien', themes: ['armoede'], domain: ['sociaal'] },
	{ title: 'Klust graag: kastjes, lampen, kleine reparaties', gift: 'hands', tag: 'klussen', themes: ['wonen'], domain: ['fysiek'] },
	{ title: 'Heeft groene vingers', gift: 'hands', tag: 'tuinieren', themes: ['groen'], domain: ['fysiek'] },
	{ title: 'Kan goed met computers', gift: 'head', tag: 'computerhulp', themes: ['werk', 'taal'], domain: ['sociaal'] },
	{ title: 'Speelt gitaar, wil muziekles geven', gift: 'heart', tag: 'muziek', themes: ['cultuur', 'jeugd'], domain: ['sociaal'] },
	{ title: 'Doet boodschappen voor buren', gift: 'hands', tag: 'boodschappen', themes: ['zorg_voor_elkaar'], domain: ['sociaal'] },
	{ title: 'Kan voetbaltraining geven aan kinderen', gift: 'hands', tag: 'voetbaltraining', themes: ['sport', 'jeugd'], domain: ['sociaal'] },
	{ title: 'Weet veel van energie besparen', gift: 'head', tag: 'energie besparen', themes: ['energie', 'armoede'], domain: ['sociaal', 'fysiek'] },
	{ title: 'Kan goed organiseren', gift: 'head', tag: 'organiseren', themes: ['zorg_voor_elkaar'], domain: ['sociaal'] },
	{ title: 'Maakt graag foto’s en filmpjes', gift: 'head', tag: 'fotografie', themes: ['cultuur'], domain: ['sociaal'] },
	{ title: 'Leest graag voor aan kinderen', gift: 'heart', tag: 'voorlezen', themes: ['taal', 'jeugd'], domain: ['sociaal'] },
	{ title: 'Kan haren knippen', gift: 'hands', tag: 'kappen', themes: ['armoede'], domain: ['sociaal'] },
	{ title: 'Kan helpen met budget en administratie', gift: 'head', tag: 'budgetteren', themes: ['armoede'], domain: ['sociaal'] },
	{ title: 'Wandelt graag met buren', gift: 'heart', tag: 'wandelen', themes: ['gezondheid', 'eenzaamheid'], domain: ['sociaal'] },
	{ title: 'Bakt taarten voor buurtfeesten', gift: 'hands', tag: 'bakken', themes: ['zorg_voor_elkaar', 'cultuur'], domain: ['sociaal'] },
	{ title: 'Heeft een auto en rijdt buren naar het ziekenhuis', gift: 'hands', tag: 'vervoer', themes: ['gezondheid', 'zorg_voor_elkaar'], domain: ['sociaal'] },
	{ title: 'Helpt bij de huiswerkklas', gift: 'head', tag: 'huiswerkhulp', themes: ['jeugd', 'taal'], domain: ['sociaal'] },
	{ title: 'Kijkt sollicitatiebrieven na', gift: 'head', tag: 'sollicitatie', themes: ['werk'], domain: ['sociaal'] },
	{ title: 'Organiseert graag een buurtfeest mee', gift: 'heart', tag: 'buurtfeest', themes: ['cultuur', 'eenzaamheid'], domain: ['sociaal'] },
	{ title: 'Heeft een EHBO-diploma', gift: 'hands', tag: 'EHBO', themes: ['gezondheid', 'veiligheid'], domain: ['sociaal'] },
	{ title: 'Houdt de speeltuin schoon', gift: 'hands', tag: 'opruimen', themes: ['groen', 'jeugd'], domain: ['fysiek'] },
	{ title: 'Geeft Nederlandse les', gift: 'head', tag: 'taalles', themes: ['taal'], domain: ['sociaal'] },
	{ title: 'Zorgt voor de planten in de hal', gift: 'hands', tag: 'planten', themes: ['groen', 'wonen'], domain: ['fysiek'] },
	{ title: 'Past graag op kinderen van buren', gift: 'heart', tag: 'oppassen', themes: ['jeugd', 'zorg_voor_elkaar'], domain: ['sociaal'] },
	{ title: 'Kan gymles voor ouderen geven', gift: 'hands', tag: 'bewegen', themes: ['sport', 'gezondheid'], domain: ['sociaal'] },
	{ title: 'Schildert en tekent, wil workshops geven', gift: 'hands', tag: 'tekenen', themes: ['cultuur'], domain: ['sociaal'] },
	{ title: 'Kent de weg bij gemeente en UWV', gift: 'head', tag: 'instanties', themes: ['werk', 'armoede'], domain: ['sociaal'] },
	{ title: 'Maakt graag een praatje met eenzame buren', gift: 'heart', tag: 'gezelschap', themes: ['eenzaamheid'], domain: ['sociaal'] },
	{ title: 'Kan muren verven en behangen', gift: 'hands', tag: 'schilderwerk', themes: ['wonen'], domain: ['fysiek'] }
];

// prettier-ignore
/**
 * Key figures (sleutelfiguren): first name and the role the neighbourhood knows them by.
 * @type {{ name: string, role: string, description: string, themes: string[], gifts: string[] }[]}
 */
export const KEY_FIGURES = [
	{ name: 'Fatima', role: 'buurtmoeder', description: 'Kent veel gezinnen in de flats; moeders komen bij haar met vragen over school en formulieren.', themes: ['jeugd', 'taal', 'zorg_voor_elkaar'], gifts: ['heart', 'head'] },
	{ name: 'Henk', role: 'bewonerscommissie', description: 'Al dertig jaar actief in de bewonerscommissie; weet wat er speelt met onderhoud en overlast.', themes: ['wonen', 'veiligheid'], gifts: ['head'] },
	{ name: 'Ayşe', role: 'vrouwengroep', description: 'Brengt Turkse vrouwen samen voor koffie en taal; vertaalt als het nodig is.', themes: ['taal', 'eenzaamheid'], gifts: ['heart', 'head'] },
	{ name: 'Mohamed', role: 'buurtvader', description: 'Loopt ’s avonds mee met de buurtvaders en kent de jongeren op het plein bij naam.', themes: ['veiligheid', 'jeugd'], gifts: ['heart'] },
	{ name: 'Ria', role: 'seniorensoos', description: 'Zet elke week de koffie klaar voor de ouderen en merkt het als iemand niet komt.', themes: ['eenzaamheid', 'zorg_voor_elkaar'], gifts: ['heart', 'hands'] },
	{ name: 'Kees', role: 'klusman van de flat', description: 'Repareert van alles voor zijn buren en weet wie hulp nodig heeft.', themes: ['wonen', 'zorg_voor_elkaar'], gifts: ['hands'] },
	{ name: 'Samira', role: 'schoolpleinmoeder', description: 'Spreekt ouders aan op het schoolplein en haalt ze naar activiteiten.', themes: ['jeugd', 'taal'], gifts: ['heart'] },
	{ name: 'Gerrit', role: 'buurttuin', description: 'Trekker van de buurttuin; leert kinderen zaaien en oogsten.', themes: ['groen', 'jeugd'], gifts: ['hands'] },
	{ name: 'Nadia', role: 'taalmaatje', description: 'Oefent Nederlands met nieuwkomers en kent de weg naar de bibliotheek.', themes: ['taal', 'werk'], gifts: ['head', 'heart'] },
	{ name: 'Abdelkader', role: 'moskeebestuur', description: 'Bestuurslid van de moskee; een brug naar veel Marokkaans-Nederlandse gezinnen.', themes: ['zorg_voor_elkaar', 'jeugd'], gifts: ['head'] },
	{ name: 'Esther', role: 'huiskamer van de buurt', description: 'Houdt de buurthuiskamer open; iedereen kan binnenlopen voor een praatje.', themes: ['eenzaamheid', 'armoede'], gifts: ['heart'] },
	{ name: 'Joyce', role: 'Antilliaanse gemeenschap', description: 'Kent de Antilliaanse families in de buurt en organiseert kookavonden.', themes: ['cultuur', 'zorg_voor_elkaar'], gifts: ['heart', 'hands'] },
	{ name: 'Hüseyin', role: 'koffiehuis', description: 'Eigenaar van het koffiehuis; hoort als eerste wat er speelt onder de mannen.', themes: ['werk', 'veiligheid'], gifts: ['head'] },
	{ name: 'Wilma', role: 'portiekportier', description: 'Houdt een oogje in het zeil in haar portiek en belt als er iets mis is.', themes: ['veiligheid', 'wonen'], gifts: ['heart'] },
	{ name: 'Yusuf', role: 'jongerenwerk', description: 'Vrijwilliger bij het jongerenwerk; organiseert voetbal op het pleintje.', themes: ['jeugd', 'sport'], gifts: ['hands', 'heart'] },
	{ name: 'Marleen', role: 'buurtpreventie', description: 'Coördineert de buurtpreventie-app en loopt rondes met vrijwilligers.', themes: ['veiligheid'], gifts: ['head'] },
	{ name: 'Dirk', role: 'voetbaltrainer', description: 'Traint al jaren de jeugd en kent veel ouders.', themes: ['sport', 'jeugd'], gifts: ['hands'] },
	{ name: 'Khadija', role: 'kookt voor de buurt', description: 'Kookt voor de buurtmaaltijd en brengt eten bij zieke buren.', themes: ['armoede', 'eenzaamheid', 'zorg_voor_elkaar'], gifts: ['hands', 'heart'] },
	{ name: 'Anton', role: 'huurdersvereniging', description: 'Weet alles van huurrecht en helpt buren met klachten bij de corporatie.', themes: ['wonen', 'energie'], gifts: ['head'] },
	{ name: 'Sevda', role: 'naaiatelier', description: 'Geeft naailes aan vrouwen en maakt kleding voor wie het niet kan betalen.', themes: ['armoede', 'werk'], gifts: ['hands'] },
	{ name: 'Bas', role: 'repair café', description: 'Technische duizendpoot achter het repair café.', themes: ['energie', 'armoede'], gifts: ['hands', 'head'] },
	{ name: 'Leila', role: 'huiswerkbegeleiding', description: 'Studeert en helpt kinderen uit de buurt met huiswerk.', themes: ['jeugd', 'taal'], gifts: ['head'] },
	{ name: 'Tineke', role: 'kerk en voedselhulp', description: 'Regelt vanuit de kerk de voedselpakketten en kent veel gezinnen met geldzorgen.', themes: ['armoede', 'zorg_voor_elkaar'], gifts: ['heart', 'hands'] },
	{ name: 'Rachid', role: 'sportveld', description: 'Beheert het sportveld en spreekt jongeren aan die rondhangen.', themes: ['sport', 'veiligheid', 'jeugd'], gifts: ['hands'] },
	{ name: 'Gloria', role: 'Surinaamse vrouwen', description: 'Organiseert bijeenkomsten voor Surinaamse vrouwen en ouderen.', themes: ['eenzaamheid', 'cultuur'], gifts: ['heart'] }
];

// prettier-ignore
/**
 * Title templates per kind; `{street}` is a real street of the buurt, `{short}` its short form
 * ("Tigris" for "Tigrisdreef").
 * @typedef {{ title: string, description: string, themes: string[], domain: string[], gifts: string[] }} Template
 * @type {Record<'association' | 'initiative' | 'business' | 'place' | 'institution', Template[]>}
 */
export const TEMPLATES = {
	association: [
		{ title: 'Moestuinclub {street}', description: 'Bewoners delen een moestuin naast de flat; nieuwe tuinders zijn welkom.', themes: ['groen', 'zorg_voor_elkaar'], domain: ['fysiek', 'sociaal'], gifts: ['hands'] },
		{ title: 'Bewonerscommissie {street}', description: 'Praat namens de huurders mee met de corporatie over onderhoud en leefbaarheid.', themes: ['wonen', 'veiligheid'], domain: ['sociaal', 'fysiek'], gifts: ['head'] },
		{ title: 'Seniorensoos {street}', description: 'Elke dinsdagmiddag koffie, kaarten en bingo voor ouderen uit de buurt.', themes: ['eenzaamheid', 'zorg_voor_elkaar'], domain: ['sociaal'], gifts: ['heart'] },
		{ title: 'Vrouwengroep {street}', description: 'Vrouwen uit verschillende culturen ontmoeten elkaar, praten Nederlands en maken uitstapjes.', themes: ['taal', 'eenzaamheid'], domain: ['sociaal'], gifts: ['heart'] },
		{ title: 'Wandelclub {street}', description: 'Wandelt twee keer per week langs de Vecht en door het Gagelbos.', themes: ['gezondheid', 'sport', 'eenzaamheid'], domain: ['sociaal'], gifts: ['heart'] },
		{ title: 'Schaakclub {street}', description: 'Schaken en dammen op woensdagavond; jong en oud door elkaar.', themes: ['cultuur'], domain: ['sociaal'], gifts: ['head'] },
		{ title: 'Buurtvaders {street}', description: 'Vaders lopen ’s avonds een ronde en spreken jongeren aan op het plein.', themes: ['veiligheid', 'jeugd'], domain: ['sociaal'], gifts: ['heart'] },
		{ title: 'Buurtkoor {street}', description: 'Zingt liedjes uit alle landen van de buurt; treedt op bij feesten.', themes: ['cultuur', 'eenzaamheid'], domain: ['sociaal'], gifts: ['heart'] },
		{ title: 'Kookclub {street}', description: 'Kookt om de beurt gerechten uit het eigen land en eet samen.', themes: ['zorg_voor_elkaar', 'gezondheid'], domain: ['sociaal'], gifts: ['hands'] },
		{ title: 'Huurdersvereniging {street}', description: 'Komt op voor de huurders, onder meer bij renovatie en energiekosten.', themes: ['wonen', 'energie'], domain: ['sociaal', 'fysiek'], gifts: ['head'] },
		{ title: 'Voetbalteam {short}', description: 'Jongens en meiden voetballen op het kunstgras; ouders rijden naar uitwedstrijden.', themes: ['sport', 'jeugd'], domain: ['sociaal'], gifts: ['hands'] },
		{ title: 'Naaiclub {street}', description: 'Samen kleding maken en herstellen; naaimachines staan klaar.', themes: ['armoede', 'werk'], domain: ['sociaal'], gifts: ['hands'] },
		{ title: 'Buurtpreventie {street}', description: 'Bewoners letten samen op en houden contact met de wijkagent.', themes: ['veiligheid'], domain: ['sociaal', 'fysiek'], gifts: ['heart'] },
		{ title: 'Volkstuinvereniging {short}', description: 'Volkstuinen aan de rand van de wijk; een paar tuinen zijn voor beginners.', themes: ['groen', 'gezondheid'], domain: ['fysiek'], gifts: ['hands'] },
		{ title: 'Hengelclub {short}', description: 'Vist in de singels en ruimt onderweg afval op.', themes: ['groen', 'sport'], domain: ['fysiek', 'sociaal'], gifts: ['hands'] },
		{ title: 'Dansgroep {short}', description: 'Meiden en jonge vrouwen dansen samen en treden op in de wijk.', themes: ['cultuur', 'jeugd'], domain: ['sociaal'], gifts: ['heart'] },
		{ title: 'Klusgroep {street}', description: 'Gepensioneerde klussers helpen buren die het zelf niet kunnen.', themes: ['wonen', 'zorg_voor_elkaar'], domain: ['fysiek', 'sociaal'], gifts: ['hands'] },
		{ title: 'Fietsclub {short}', description: 'Fietst op zaterdag een tocht; leent fietsen uit aan wie er geen heeft.', themes: ['sport', 'gezondheid'], domain: ['sociaal'], gifts: ['hands'] }
	],
	initiative: [
		{ title: 'Taalcafé {street}', description: 'Elke week Nederlands oefenen met vrijwilligers, met koffie en thee.', themes: ['taal'], domain: ['sociaal'], gifts: ['head', 'heart'] },
		{ title: 'Repair café {street}', description: 'Maandelijks kapotte spullen repareren in plaats van weggooien.', themes: ['energie', 'armoede'], domain: ['fysiek', 'sociaal'], gifts: ['hands'] },
		{ title: 'Buurtmaaltijd {street}', description: 'Eens per maand samen eten voor een klein bedrag; buren koken.', themes: ['eenzaamheid', 'armoede'], domain: ['sociaal'], gifts: ['hands', 'heart'] },
		{ title: 'Huiswerkklas {street}', description: 'Vrijwilligers helpen kinderen na school met huiswerk.', themes: ['jeugd', 'taal'], domain: ['sociaal'], gifts: ['head'] },
		{ title: 'Geveltuinen {street}', description: 'Bewoners halen tegels weg en planten geveltuintjes.', themes: ['groen'], domain: ['fysiek'], gifts: ['hands'] },
		{ title: 'Zwerfafvalbrigade {street}', description: 'Ruimt elke zaterdagochtend zwerfafval op rond de containers.', themes: ['groen', 'veiligheid'], domain: ['fysiek'], gifts: ['hands'] },
		{ title: 'Burenhulp {street}', description: 'Buren helpen elkaar met kleine klussen en boodschappen.', themes: ['zorg_voor_elkaar', 'eenzaamheid'], domain: ['sociaal'], gifts: ['hands', 'heart'] },
		{ title: 'Kledingruil {street}', description: 'Kinderkleding ruilen en weggeven; elke eerste zaterdag van de maand.', themes: ['armoede'], domain: ['sociaal'], gifts: ['hands'] },
		{ title: 'Fietsles voor vrouwen {short}', description: 'Vrouwen leren fietsen op het plein, met vrijwillige trainers.', themes: ['sport', 'werk'], domain: ['sociaal'], gifts: ['hands'] },
		{ title: 'Energiecoaches {street}', description: 'Bewoners helpen buren met energie besparen en de energierekening.', themes: ['energie', 'armoede', 'wonen'], domain: ['fysiek', 'sociaal'], gifts: ['head'] },
		{ title: 'Speelstraat {street}', description: 'Op woensdagmiddag is de straat afgesloten en kunnen kinderen buiten spelen.', themes: ['jeugd'], domain: ['fysiek', 'sociaal'], gifts: ['heart'] },
		{ title: 'Digicafé {street}', description: 'Hulp met DigiD, e-mail en de telefoon, voor iedereen die vastloopt.', themes: ['taal', 'werk'], domain: ['sociaal'], gifts: ['head'] },
		{ title: 'Boodschappenmaatjes {street}', description: 'Vrijwilligers doen boodschappen met ouderen die slecht ter been zijn.', themes: ['zorg_voor_elkaar', 'eenzaamheid'], domain: ['sociaal'], gifts: ['hands', 'heart'] },
		{ title: 'Weggeefkast {street}', description: 'Een kast in de hal waar buren spullen en houdbaar eten neerzetten.', themes: ['armoede'], domain: ['sociaal'], gifts: ['hands'] },
		{ title: 'Formulierenhulp {street}', description: 'Spreekuur voor post van instanties, toeslagen en schulden.', themes: ['armoede', 'taal'], domain: ['sociaal'], gifts: ['head'] },
		{ title: 'Sporten op het plein {short}', description: 'Gratis buitensport voor jongeren en volwassenen, twee avonden per week.', themes: ['sport', 'jeugd', 'gezondheid'], domain: ['sociaal'], gifts: ['hands'] },
		{ title: 'Plantjesruil {street}', description: 'Stekjes en zaden ruilen in het voorjaar.', themes: ['groen'], domain: ['fysiek', 'sociaal'], gifts: ['hands'] },
		{ title: 'Voorleesouders {street}', description: 'Ouders lezen voor in de bibliotheek en op school, ook in andere talen.', themes: ['taal', 'jeugd'], domain: ['sociaal'], gifts: ['heart'] },
		{ title: 'Moedercafé {street}', description: 'Moeders met jonge kinderen ontmoeten elkaar; de kinderen spelen mee.', themes: ['jeugd', 'eenzaamheid'], domain: ['sociaal'], gifts: ['heart'] },
		{ title: 'Buurtfeest {street}', description: 'Jaarlijks feest met muziek en eten uit alle landen van de buurt.', themes: ['cultuur', 'eenzaamheid'], domain: ['sociaal'], gifts: ['heart', 'hands'] },
		{ title: 'Computerhulp voor ouderen {short}', description: 'Scholieren helpen ouderen met tablet en videobellen.', themes: ['eenzaamheid', 'jeugd'], domain: ['sociaal'], gifts: ['head'] },
		{ title: 'Opknapdag {street}', description: 'Samen met de corporatie de portieken en perkjes opknappen.', themes: ['wonen', 'groen'], domain: ['fysiek'], gifts: ['hands'] }
	],
	business: [
		{ title: 'Bakkerij {short}', description: 'Bakker met brood en gebak; sponsort het buurtfeest.', themes: ['werk'], domain: ['sociaal'], gifts: [] },
		{ title: 'Turkse supermarkt {short}', description: 'Supermarkt en ontmoetingsplek; hangt activiteiten op het prikbord.', themes: ['werk', 'cultuur'], domain: ['sociaal'], gifts: [] },
		{ title: 'Kapsalon {short}', description: 'Kapper waar de buurt elkaar spreekt; knipt af en toe gratis voor de voedselbank.', themes: ['werk', 'armoede'], domain: ['sociaal'], gifts: [] },
		{ title: 'Fietsenmaker {short}', description: 'Fietsenmaker die stageplekken biedt aan jongeren.', themes: ['werk', 'jeugd'], domain: ['fysiek', 'sociaal'], gifts: [] },
		{ title: 'Snackbar {short}', description: 'Snackbar waar jongeren ’s avonds komen; de eigenaar kent ze goed.', themes: ['jeugd'], domain: ['sociaal'], gifts: [] },
		{ title: 'Groenteboer {short}', description: 'Groente en fruit; geeft overschotten aan de buurtmaaltijd.', themes: ['gezondheid', 'armoede'], domain: ['sociaal'], gifts: [] },
		{ title: 'Naaiatelier {short}', description: 'Kleermaker die ook naailes geeft.', themes: ['werk'], domain: ['sociaal'], gifts: [] },
		{ title: 'Telefoonwinkel {short}', description: 'Reparaties en hulp met instellingen van de telefoon.', themes: ['werk'], domain: ['sociaal'], gifts: [] },
		{ title: 'Rijschool {short}', description: 'Rijschool uit de wijk; lesauto’s staan in de straat.', themes: ['werk'], domain: ['sociaal'], gifts: [] },
		{ title: 'Slagerij {short}', description: 'Halal slager; de eigenaar kent veel families.', themes: ['werk'], domain: ['sociaal'], gifts: [] },
		{ title: 'Schoenmaker {short}', description: 'Schoenmaker en sleutelservice.', themes: ['werk'], domain: ['sociaal'], gifts: [] },
		{ title: 'Bloemist {short}', description: 'Bloemen en planten; doet mee aan de geveltuinactie.', themes: ['groen', 'werk'], domain: ['fysiek', 'sociaal'], gifts: [] },
		{ title: 'Koffiehuis {short}', description: 'Koffiehuis waar vooral mannen komen.', themes: ['eenzaamheid'], domain: ['sociaal'], gifts: [] },
		{ title: 'Surinaams eethuis {short}', description: 'Roti en broodjes; de keuken kookt mee bij buurtfeesten.', themes: ['cultuur', 'werk'], domain: ['sociaal'], gifts: [] },
		{ title: 'Marokkaanse bakker {short}', description: 'Brood en zoetigheden; bakt voor feesten in de buurt.', themes: ['cultuur', 'werk'], domain: ['sociaal'], gifts: [] },
		{ title: 'Wasserette {short}', description: 'Wasserette met een leestafel; een plek waar buren elkaar treffen.', themes: ['eenzaamheid'], domain: ['sociaal'], gifts: [] },
		{ title: 'Drogisterij {short}', description: 'Drogist met advies in meerdere talen.', themes: ['gezondheid'], domain: ['sociaal'], gifts: [] },
		{ title: 'Kringloopwinkel {short}', description: 'Tweedehands meubels en kleding; werkt met vrijwilligers en re-integratie.', themes: ['armoede', 'werk'], domain: ['sociaal', 'fysiek'], gifts: [] }
	],
	place: [
		{ title: 'Speeltuin {street}', description: 'Speeltuin met schommels en een zandbak; ouders zitten op de bankjes.', themes: ['jeugd'], domain: ['fysiek'], gifts: [] },
		{ title: 'Trapveldje {street}', description: 'Klein veldje waar jongeren voetballen.', themes: ['sport', 'jeugd'], domain: ['fysiek'], gifts: [] },
		{ title: 'Buurttuin {street}', description: 'Gedeelde tuin met plantenbakken en een bankje.', themes: ['groen'], domain: ['fysiek'], gifts: [] },
		{ title: 'Hondenuitlaatveld {street}', description: 'Veld waar hondenbezitters elkaar elke ochtend treffen.', themes: ['groen', 'eenzaamheid'], domain: ['fysiek'], gifts: [] },
		{ title: 'Bankjes bij de vijver {short}', description: 'Zitplek aan het water; ’s zomers zitten hier veel ouderen.', themes: ['groen', 'eenzaamheid'], domain: ['fysiek'], gifts: [] },
		{ title: 'Leegstaand winkelpand {street}', description: 'Leeg pand in de winkelstrip; bewoners willen er een ontmoetingsplek van maken.', themes: ['wonen', 'werk'], domain: ['fysiek'], gifts: [] },
		{ title: 'Ontmoetingsruimte flat {street}', description: 'Ruimte op de begane grond van de flat, te gebruiken voor bewonersactiviteiten.', themes: ['eenzaamheid', 'wonen'], domain: ['fysiek', 'sociaal'], gifts: [] },
		{ title: 'Pleintje {street}', description: 'Pleintje met bomen; hier worden buurtfeesten gehouden.', themes: ['cultuur'], domain: ['fysiek'], gifts: [] },
		{ title: 'Basketbalveld {short}', description: 'Basketbalveld met verlichting; druk op zomeravonden.', themes: ['sport', 'jeugd'], domain: ['fysiek'], gifts: [] },
		{ title: 'Picknickplek {short}', description: 'Picknicktafels op het gras tussen de flats.', themes: ['groen'], domain: ['fysiek'], gifts: [] },
		{ title: 'Plantsoen {street}', description: 'Plantsoen dat bewoners zelf onderhouden.', themes: ['groen'], domain: ['fysiek'], gifts: [] },
		{ title: 'Binnentuin {street}', description: 'Binnentuin tussen de portieken; alleen bereikbaar voor bewoners.', themes: ['groen', 'wonen'], domain: ['fysiek'], gifts: [] },
		{ title: 'Jeu-de-boulesbaan {short}', description: 'Baan waar ouderen elke middag spelen.', themes: ['sport', 'eenzaamheid'], domain: ['fysiek'], gifts: [] },
		{ title: 'Tiny forest {short}', description: 'Klein bos, samen met de school geplant.', themes: ['groen', 'jeugd'], domain: ['fysiek'], gifts: [] },
		{ title: 'Natuurspeelplaats {short}', description: 'Spelen met water, zand en boomstammen.', themes: ['jeugd', 'groen'], domain: ['fysiek'], gifts: [] },
		{ title: 'Fietsenstalling {street}', description: 'Overdekte stalling die bewoners willen opknappen.', themes: ['veiligheid', 'wonen'], domain: ['fysiek'], gifts: [] },
		{ title: 'Kunstgrasveld {short}', description: 'Kunstgrasveld bij de school; na schooltijd open.', themes: ['sport', 'jeugd'], domain: ['fysiek'], gifts: [] },
		{ title: 'Wijkterras {short}', description: 'Terras voor het buurthuis; ’s zomers open voor iedereen.', themes: ['eenzaamheid', 'cultuur'], domain: ['fysiek', 'sociaal'], gifts: [] }
	],
	institution: [
		{ title: 'Basisschool {street}', description: 'Basisschool met veel kinderen uit de flats; ouderkamer op dinsdag.', themes: ['jeugd', 'taal'], domain: ['sociaal'], gifts: [] },
		{ title: 'Huisartsenpraktijk {street}', description: 'Huisartsen en praktijkondersteuner; verwijst door naar het buurtteam.', themes: ['gezondheid'], domain: ['sociaal'], gifts: [] },
		{ title: 'Apotheek {short}', description: 'Apotheek met uitleg over medicijnen in meerdere talen.', themes: ['gezondheid'], domain: ['sociaal'], gifts: [] },
		{ title: 'Buurthuis {short}', description: 'Buurthuis met zalen voor bewonersgroepen; koffie staat altijd klaar.', themes: ['eenzaamheid', 'cultuur'], domain: ['sociaal', 'fysiek'], gifts: [] },
		{ title: 'Jongerencentrum {short}', description: 'Jongerenwerk met inloop, muziekstudio en sport.', themes: ['jeugd'], domain: ['sociaal'], gifts: [] },
		{ title: 'Moskee {street}', description: 'Moskee met lessen en een vrouwenruimte; doet mee aan de buurtmaaltijd.', themes: ['zorg_voor_elkaar', 'cultuur'], domain: ['sociaal'], gifts: [] },
		{ title: 'Kerk {street}', description: 'Kerk met een open huiskamer en voedselhulp.', themes: ['armoede', 'eenzaamheid'], domain: ['sociaal'], gifts: [] },
		{ title: 'Consultatiebureau {street}', description: 'Jeugdgezondheidszorg voor ouders met jonge kinderen.', themes: ['jeugd', 'gezondheid'], domain: ['sociaal'], gifts: [] },
		{ title: 'Wijkkantoor corporatie {street}', description: 'Spreekuur van de woningcorporatie voor huurders.', themes: ['wonen'], domain: ['fysiek', 'sociaal'], gifts: [] },
		{ title: 'Voedselbank uitgiftepunt {short}', description: 'Uitgifte van voedselpakketten op vrijdag.', themes: ['armoede'], domain: ['sociaal'], gifts: [] },
		{ title: 'Kinderopvang {short}', description: 'Kinderdagverblijf en buitenschoolse opvang.', themes: ['jeugd', 'werk'], domain: ['sociaal'], gifts: [] },
		{ title: 'Sporthal {short}', description: 'Sporthal voor scholen en verenigingen.', themes: ['sport'], domain: ['fysiek', 'sociaal'], gifts: [] },
		{ title: 'Zorgcentrum {street}', description: 'Woonzorgcentrum met een restaurant dat open is voor de buurt.', themes: ['gezondheid', 'eenzaamheid'], domain: ['sociaal'], gifts: [] },
		{ title: 'Buurtteam {short}', description: 'Buurtteam voor jeugd, gezin en volwassenen; spreekuur zonder afspraak.', themes: ['zorg_voor_elkaar', 'armoede'], domain: ['sociaal'], gifts: [] },
		{ title: 'Fysiotherapie {short}', description: 'Fysiotherapeut met beweeggroepen voor ouderen.', themes: ['gezondheid', 'sport'], domain: ['sociaal'], gifts: [] }
	]
};

export const WISHES = [
	'Meer speelplekken voor kleine kinderen.',
	'Een plek om andere moeders te ontmoeten.',
	'Dat de galerij vaker wordt schoongemaakt.',
	'Betere verlichting bij het fietspad.',
	'Hulp bij de energierekening.',
	'Meer bankjes in het park.',
	'Nederlandse les in de buurt, overdag.',
	'Activiteiten voor ouderen in het weekend.',
	'Iets voor de jongeren op het plein.',
	'Minder zwerfafval rond de containers.',
	'Iemand die helpt met post van instanties.',
	'Een moestuin bij de flat.',
	'Werk vinden dicht bij huis.',
	'Meer contact met de buren.',
	'Snellere reparaties door de corporatie.',
	'Een veilige oversteek naar school.'
];

export const TALKED_NOTES = [
	'Vriendelijk gesprek aan de deur.',
	'Woont hier al twintig jaar en kent veel buren.',
	'Alleenstaand, weinig contact in de flat.',
	'Jong gezin, net verhuisd naar de buurt.',
	'Maakt zich zorgen over de huur.',
	'Wil graag iets doen voor de buurt.',
	'Noemde overlast van jongeren ’s avonds.',
	'Kinderen gaan naar school in de wijk.',
	'Positief over de buurt, mist wel groen.',
	'Heeft last van schimmel in de badkamer.',
	'Weinig te doen voor ouderen, vindt ze.',
	'Werkt in ploegendienst; liever op zaterdag langskomen.',
	'Zorgt voor een zieke ouder en heeft weinig tijd.'
];

/** @type {Record<string, string[]>} */
export const OTHER_NOTES = {
	not_home: ['', '', 'Briefje in de bus gedaan.', 'Niemand thuis, licht brandde wel.'],
	declined: ['Geen tijd.', 'Wilde niet praten.', 'Kort aan de deur, geen interesse.'],
	come_back_later: ['Vroeg om na zes uur terug te komen.', 'Had bezoek; volgende week terug.'],
	vacant: ['Woning lijkt leeg te staan.', 'Naambordje weg, gordijnen open: leeg.'],
	do_not_contact: ['Wil niet meer benaderd worden.', 'Sticker “geen bezoek” op de deur.']
};

export const FOLLOW_UPS = [
	'Folder taalcafé brengen',
	'Doorverwijzen naar formulierenhulp',
	'Schimmel melden bij de corporatie',
	'Terugbellen over vrijwilligerswerk',
	'Uitnodigen voor de buurtmaaltijd',
	'Koppelen aan een maatje',
	'Informatie energiecoach sturen',
	'Samen met de wijkagent langsgaan'
];

export const CAPACITY_NOTES = [
	'Wil dit graag voor buren doen.',
	'Heeft vooral ’s avonds tijd.',
	'Doet het liefst samen met iemand anders.',
	'Gevonden via een buurtgesprek.',
	'Eén keer per maand is genoeg, zegt zij.',
	'Vraagt om eerst kennis te maken.'
];
