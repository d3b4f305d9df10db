"""The application's own wording of each form, printed until a project edits its text.

These are the texts of Polish documents (like a statutory template), data rather than interface:
they are printed in Polish whatever the language of the screen, and a project replaces them with
its own (the clause's wording depends on the programme and on who the administrator is).
"""

from .models import FormKind

DECLARATION = """\
Ja, niżej podpisana/podpisany {imie_nazwisko}, PESEL {pesel}, zamieszkała/zamieszkały: {adres}, \
deklaruję z własnej woli udział w projekcie „{projekt}” (umowa nr {numer_umowy}), \
współfinansowanym ze środków Unii Europejskiej w ramach programu {program} ({fundusz}), \
realizowanym przez {beneficjent} w okresie {okres_projektu}.

Oświadczam, że:
1. spełniam kryteria kwalifikowalności uprawniające do udziału w projekcie, określone \
w regulaminie rekrutacji i uczestnictwa, z którym się zapoznałam/zapoznałem i który akceptuję;
2. zostałam/zostałem poinformowana/poinformowany, że projekt jest współfinansowany ze środków \
Unii Europejskiej;
3. zobowiązuję się do regularnego udziału w formach wsparcia przewidzianych w mojej \
indywidualnej ścieżce reintegracji i do niezwłocznego informowania realizatora projektu \
o zmianie danych oraz o przyczynach nieobecności;
4. zobowiązuję się do przekazania informacji o mojej sytuacji po zakończeniu udziału w projekcie \
(zatrudnienie, podjęcie nauki, poszukiwanie pracy) w terminie do 4 tygodni od zakończenia udziału;
5. zostałam/zostałem pouczona/pouczony o odpowiedzialności za składanie oświadczeń niezgodnych \
z prawdą; dane podane w formularzu zgłoszeniowym są zgodne z prawdą.
"""

APPLICATION = """\
Oświadczam, że dane zawarte w niniejszym formularzu są zgodne z prawdą i stanem faktycznym \
na dzień przystąpienia do projektu „{projekt}”.

Oświadczam, że zostałam/zostałem poinformowana/poinformowany o możliwości odmowy podania danych \
wrażliwych (dotyczących niepełnosprawności, pochodzenia, przynależności do mniejszości, \
sytuacji mieszkaniowej) i że ich podanie jest dobrowolne.

Przyjmuję do wiadomości, że złożenie formularza nie jest równoznaczne z zakwalifikowaniem \
do udziału w projekcie.
"""

CLAUSE = """\
Zgodnie z art. 13 i art. 14 rozporządzenia Parlamentu Europejskiego i Rady (UE) 2016/679 \
z dnia 27 kwietnia 2016 r. w sprawie ochrony osób fizycznych w związku z przetwarzaniem danych \
osobowych i w sprawie swobodnego przepływu takich danych oraz uchylenia dyrektywy 95/46/WE \
(RODO) informujemy, że:

1. Administratorem Pani/Pana danych osobowych jest {beneficjent}, {beneficjent_adres}. \
W zakresie danych przekazywanych do centralnego systemu teleinformatycznego administratorem \
jest instytucja zarządzająca programem {program}.

2. Z inspektorem ochrony danych można się skontaktować pisemnie na adres siedziby \
administratora lub pocztą elektroniczną na adres wskazany na jego stronie internetowej.

3. Pani/Pana dane będą przetwarzane w celu realizacji projektu „{projekt}” (umowa nr \
{numer_umowy}), w szczególności potwierdzenia kwalifikowalności, udzielenia wsparcia, \
monitoringu, ewaluacji, kontroli, audytu, sprawozdawczości oraz działań informacyjno-promocyjnych.

4. Podstawą prawną przetwarzania jest art. 6 ust. 1 lit. c RODO (obowiązek prawny \
administratora wynikający z przepisów o realizacji programów polityki spójności) oraz art. 9 \
ust. 2 lit. g RODO w odniesieniu do danych szczególnych kategorii (niepełnosprawność, stan \
zdrowia). Dane przetwarzane na podstawie Pani/Pana zgody (art. 6 ust. 1 lit. a i art. 9 ust. 2 \
lit. a RODO) są przetwarzane do czasu jej wycofania.

5. Odbiorcami danych mogą być: instytucja zarządzająca i pośrednicząca programem {program}, \
partnerzy projektu ({partnerzy}), podmioty realizujące na zlecenie administratora badania \
ewaluacyjne, kontrole i audyt, podmioty świadczące usługi w ramach projektu (np. szkolenia, \
doradztwo) oraz dostawcy usług informatycznych.

6. Dane będą przechowywane przez okres realizacji projektu, a następnie przez okres wymagany \
przepisami o archiwizacji dokumentacji projektu i umową o dofinansowanie, nie krócej niż \
do końca okresu trwałości projektu i zamknięcia programu.

7. Przysługuje Pani/Panu prawo dostępu do treści danych, ich sprostowania, ograniczenia \
przetwarzania, a w przypadkach przewidzianych prawem — usunięcia danych i wniesienia sprzeciwu. \
Zgodę można wycofać w dowolnym momencie bez wpływu na zgodność z prawem przetwarzania, którego \
dokonano przed jej wycofaniem.

8. Przysługuje Pani/Panu prawo wniesienia skargi do Prezesa Urzędu Ochrony Danych Osobowych \
(ul. Stawki 2, 00-193 Warszawa).

9. Podanie danych jest dobrowolne, jednak odmowa ich podania jest równoznaczna z brakiem \
możliwości udziału w projekcie. Dane nie będą przekazywane do państwa trzeciego ani \
wykorzystywane do zautomatyzowanego podejmowania decyzji, w tym profilowania.
"""

DEFAULT_TEXTS = {
    FormKind.DECLARATION: DECLARATION,
    FormKind.APPLICATION: APPLICATION,
    FormKind.CLAUSE: CLAUSE,
}
