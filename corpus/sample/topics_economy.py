"""Business, markets and sports beats of the synthetic newsroom.

Invented prose only. Slots such as `{company}` or `{pct_small}` are filled by `corpus.sample.text`.
"""

from __future__ import annotations

from corpus.sample.words import Story, Topic

BUSINESS = Topic(
    name="business",
    stories=(
        Story(
            titles=(
                "{Company} to cut {jobs} jobs at {town} plant",
                "Job cuts at {company} hit {town}",
            ),
            leads=(
                "{Company} said on {weekday} it would cut {jobs} jobs at its plant in {town}, blaming weaker demand and higher energy costs.",
            ),
            undated=(
                "{Town} officials said they had not been told in advance of the plan by {company} to cut {jobs} jobs.",
            ),
            sentences=(
                "Union leaders said they would seek urgent talks with management over the proposed cuts.",
                "It is the second round of job cuts at the company since {prev_year}.",
                "A spokesperson said affected staff would be offered retraining or positions at other sites.",
                "The plant makes {product} and has been running below capacity since the spring.",
                "Local shops near the site said they feared losing customers if the cuts went ahead.",
            ),
            quotes=(
                "These are difficult decisions, and we do not take them lightly",
                "Our people in {town} have built this company, and they deserve better than this",
            ),
        ),
        Story(
            titles=("{Company} profits beat expectations", "Strong sales lift {company} profit"),
            leads=(
                "{Company} reported a {rise} rise in quarterly profit on {weekday}, helped by strong sales of {product}.",
            ),
            undated=(
                "Analysts said on {weekday} that {company} had beaten forecasts for the third quarter in a row.",
            ),
            sentences=(
                "Revenue rose to {money} in the three months to the end of {month_prev}, up from {money} a year earlier.",
                "Analysts had expected a smaller increase, citing weak consumer spending and higher borrowing costs.",
                "The company also raised its dividend and said full-year profit would be at the top of its forecast range.",
                "Shares in the group rose {pct_small} in early trading before falling back in the afternoon.",
                "Orders from overseas customers rose for a third straight quarter, the company said.",
            ),
            quotes=(
                "Demand has held up better than we feared, and our costs are under control",
                "We are not getting carried away, because the next six months will be harder",
            ),
        ),
        Story(
            titles=(
                "{Company} agrees takeover of smaller rival",
                "{Company} to buy competitor for {sum}",
            ),
            leads=(
                "{Company} has agreed to buy a smaller competitor for {sum}, the company said in a statement on {weekday}.",
            ),
            undated=(
                "Officials said on {weekday} that competition regulators would review the takeover by {company} before the end of {month_next}.",
            ),
            sentences=(
                "The deal is subject to approval by competition regulators, which could take several months.",
                "The combined business would employ about {big} people and have sales of more than {money} a year.",
                "Shareholders of the smaller firm will receive a mix of cash and new shares.",
                "The two companies have been rivals for decades and are based less than an hour apart.",
                "Analysts said the price was generous but could be justified by lower costs.",
            ),
            quotes=(
                "Together we will be big enough to compete with anyone",
                "Customers should not notice any change for at least a year",
            ),
        ),
        Story(
            titles=(
                "Strike halts production at {company}",
                "Workers walk out at {company} over pay",
            ),
            leads=(
                "Workers at the {company} site in {town} walked out on {weekday} in a dispute over pay, halting production for the first time in {small_word} years.",
            ),
            undated=(
                "Officials said on {weekday} that talks between {company} and the union would resume under an independent mediator.",
            ),
            sentences=(
                "The union is asking for a rise in line with inflation, while the company has offered {pct_small}.",
                "Pickets gathered at the main gate on {street} from six in the morning.",
                "The company said it had enough stock to supply customers for about a fortnight.",
                "Managers said the offer was the best the business could afford this year.",
                "It is the first strike at the site since it opened in {founded}.",
            ),
            quotes=(
                "Nobody on the shop floor wants to be out here, but prices keep going up",
                "We want to reach an agreement, and our offer is still on the table",
            ),
        ),
        Story(
            titles=(
                "{Company} opens new warehouse in {town}",
                "{Company} to create {jobs} jobs in {town}",
            ),
            leads=(
                "{Company} will open a distribution centre on the edge of {town} next year, creating up to {jobs} jobs, the firm said on {weekday}.",
            ),
            undated=(
                "{Town} officials said on {weekday} that {company} had been granted permission for a distribution centre near the ring road.",
            ),
            sentences=(
                "The site covers an area the size of {small_word} football pitches and will run around the clock.",
                "The firm has faced criticism from local residents over noise and lorry traffic on {street}.",
                "Recruitment will start in {month_next}, with training offered to people without experience.",
                "{Company} was founded in {town2} in {founded} and still keeps its head office there.",
                "The council said the jobs would help replace those lost when the paper mill closed.",
            ),
            quotes=(
                "We want to grow here, not somewhere else",
                "These are real jobs for local people, and we have been waiting for them",
            ),
        ),
    ),
    sentences=(
        "The company employs about {big} people across the region, most of them in {town}.",
        "{P1s} said the company would invest {money} in new equipment over the next {small_word} years.",
        "{P2s}, {p2role}, said the figures showed the business was “on the right track”.",
        "Shares in {company} have risen by about a quarter over the past year.",
    ),
    quotes=(
        "The long-term picture for this business is still strong",
        "We will keep talking to our staff and to the union",
    ),
    roles=(
        "the chief executive of {company}",
        "the finance director at {company}",
        "a union representative at the {town} plant",
        "an analyst at {bank}",
        "the company’s head of operations",
    ),
    subheads=(
        "Jobs at risk",
        "Pressure from investors",
        "A difficult year",
        "What the union says",
        "Looking ahead",
    ),
)

MARKETS = Topic(
    name="markets",
    stories=(
        Story(
            titles=(
                "Shares fall as investors weigh rate outlook",
                "Stocks slip on fears rates will stay high",
            ),
            leads=(
                "Shares fell on {weekday} as investors worried that interest rates would stay high for longer, with {index} closing down {rise_small}.",
            ),
            undated=(
                "Traders said on {weekday} that worries about interest rates had pushed {index} down {rise_small}.",
            ),
            sentences=(
                "Shares in {company} fell {pct_small} after the company warned of higher costs.",
                "Retailers were weaker after figures showed household spending fell last month.",
                "Smaller companies underperformed, with the mid-cap index falling {pct_small}.",
                "Gold, often seen as a safe place for money in uncertain times, rose {pct_small}.",
                "It was the index’s worst day since {month_prev}.",
            ),
            quotes=(
                "Nobody wants to be caught on the wrong side of the next rate decision",
                "Investors are looking for reasons to be cautious, and they are finding them",
            ),
        ),
        Story(
            titles=("Stocks close higher led by energy shares", "Energy shares lift {index}"),
            leads=(
                "{Index} rose {rise_small} on {weekday}, led by energy and mining companies, as oil prices recovered from a two-week low.",
            ),
            undated=(
                "Traders said on {weekday} that a rebound in oil prices had lifted {index} to its highest close in a month.",
            ),
            sentences=(
                "{Company} was the biggest gainer, up {pct_small}, after it raised its profit forecast.",
                "Oil prices rose {pct_small} to {oil} a barrel.",
                "The index has gained {pct} since the start of the year.",
                "Banks also rose after one of the largest lenders reported lower bad debts than expected.",
                "Trading volumes were below average, with many investors away for the holidays.",
            ),
            quotes=(
                "The market is pricing in a lot of good news, and that leaves little room for disappointment",
                "Energy has been out of favour for months, so some of this is simply catching up",
            ),
        ),
        Story(
            titles=(
                "Grain prices jump after poor harvest in {region}",
                "Harvest forecast cut sends grain prices higher",
            ),
            leads=(
                "Grain prices jumped on {weekday} after forecasters cut their estimate for this year’s harvest in {region} by {rise}.",
            ),
            undated=(
                "Officials said on {weekday} that the harvest in {region} would be the smallest in {small_word} years.",
            ),
            sentences=(
                "Wheat for delivery in {month_next} rose {pct_small}, its biggest one-day gain this year.",
                "A wet spring followed by a dry summer left many fields with thin crops.",
                "Bakers warned that the price of bread could rise by the end of the year.",
                "Farmers with grain in store stand to benefit, while livestock farmers face higher feed bills.",
                "The forecast will be updated again next month once more of the crop has been harvested.",
            ),
            quotes=(
                "It has been a very difficult season, and the numbers show it",
                "Prices like these will eventually show up in the shops",
            ),
        ),
        Story(
            titles=(
                "The {currency} weakens against the dollar",
                "The {currency} falls to {small_word}-month low",
            ),
            leads=(
                "The {currency} fell to its weakest level against the dollar in {small_word} months on {weekday}, after weaker than expected factory data.",
            ),
            undated=(
                "Officials said on {weekday} that the central bank was watching the fall in the {currency} closely.",
            ),
            sentences=(
                "Factory output fell for a second month, according to figures published on {weekday}.",
                "A weaker currency makes imports more expensive but helps exporters.",
                "The central bank is due to announce its next decision on interest rates on {weekday2}.",
                "Holiday companies said bookings abroad had not yet been affected.",
                "The currency has lost {pct} against the dollar since the start of the year.",
            ),
            quotes=(
                "We think the worst is behind us, but it will be a bumpy few months",
                "Exporters will welcome this, but households will feel it in their shopping",
            ),
        ),
        Story(
            titles=(
                "Bond yields climb to six-month high",
                "Government borrowing costs rise as rate cut hopes fade",
            ),
            leads=(
                "Government bond yields climbed on {weekday} as traders scaled back bets on a rate cut before the end of the year.",
            ),
            undated=(
                "Officials said on {weekday} that the central bank would publish its next rate decision on {weekday2}, a day later than planned.",
            ),
            sentences=(
                "Bond yields, which move in the opposite direction to prices, rose for a third day.",
                "Higher yields mean the government will pay more to borrow.",
                "Mortgage lenders are expected to raise their fixed rates if yields stay at these levels.",
                "Inflation figures due next week will be closely watched.",
                "Analysts at {bank} said they expected yields to remain volatile until the summer.",
            ),
            quotes=(
                "The market got ahead of itself, and now it is correcting",
                "Borrowers should not expect relief any time soon",
            ),
        ),
    ),
    sentences=(
        "{P1s}, {p1role}, said markets had become “very sensitive” to any hint of a change in policy.",
        "Trading was thin ahead of a public holiday in several markets.",
        "Analysts at {bank} said they expected prices to remain volatile in the coming weeks.",
        "Investors will also be watching quarterly results from several large companies next week.",
    ),
    quotes=(
        "It is a nervous market, and it does not take much to move it",
        "We are telling clients to be patient",
    ),
    roles=(
        "a strategist at {bank}",
        "chief economist at {bank}",
        "a trader at {bank}",
        "head of research at {bank}",
    ),
    subheads=(
        "Energy shares lead gains",
        "Eyes on the central bank",
        "Currency under pressure",
        "A volatile week",
    ),
)

SPORTS = Topic(
    name="sports",
    stories=(
        Story(
            titles=("{Team} beat {rival} to reach cup final", "{Team} into regional cup final"),
            leads=(
                "{Team} reached the final of the regional cup on {weekday} with a {score} win over {rival}, their first final in {num_years} years.",
            ),
            undated=(
                "{Town} officials said on {weekday} that a big screen would be put up in the market square for the cup final.",
            ),
            sentences=(
                "{Rival} had the better of the first half but failed to take their chances.",
                "The winning goal came from a corner in the {minute_ord} minute, headed in at the far post.",
                "The club will meet the winner of the other semi-final next month at a neutral venue.",
                "Tickets for the final are expected to sell out within hours.",
                "A crowd of {big} watched the match, the biggest attendance of the season.",
            ),
            quotes=(
                "The players gave everything today, and I could not be prouder",
                "The atmosphere in {town} today was something special",
            ),
        ),
        Story(
            titles=("Late goal rescues draw for {team}", "{Team} snatch point against {rival}"),
            leads=(
                "A goal in stoppage time earned {team} a {draw} draw against {rival} on {weekday}, keeping their hopes of promotion alive.",
            ),
            undated=(
                "Supporters of {team} said on {weekday} that the late equaliser against {rival} could prove decisive.",
            ),
            sentences=(
                "Both sides finished the match with ten men after a scuffle late in the second half.",
                "The equaliser came from a free kick that deflected off the wall.",
                "{Team} have now lost only {small_word} of their last eleven matches.",
                "{Rival} had led for most of the afternoon and were unlucky not to win.",
                "The result leaves {team} three points behind the leaders with a game in hand.",
            ),
            quotes=(
                "We made it hard for ourselves, but a point is a point",
                "We switched off for one moment and it cost us",
            ),
        ),
        Story(
            titles=("{Team} appoint new head coach", "{Team} turn to {p1} as head coach"),
            leads=(
                "{Team} have named {p1} as their new head coach, a week after the club parted company with the previous coach.",
            ),
            undated=(
                "Officials said on {weekday} that {p1} had signed a contract with {team} until the end of next season.",
            ),
            sentences=(
                "The new coach previously led the youth team and is popular with supporters.",
                "The club is {small_ordinal} in the table after a poor run of results.",
                "{P1s} will take charge for the first time against {rival} on {weekday2}.",
                "Several senior players were said to have backed the appointment.",
                "The club’s board said it had spoken to more than a dozen candidates.",
            ),
            quotes=(
                "I know this club, and I know what the supporters expect",
                "We wanted someone who understands the young players we have",
            ),
        ),
        Story(
            titles=("{Town} marathon draws record field", "Record numbers run the {town} marathon"),
            leads=(
                "More than {big} runners took part in the {town} marathon on {weekday}, the largest field since the race was first held in {founded}.",
            ),
            undated=(
                "{Town} officials said a record number of volunteers had signed up to help at the marathon.",
            ),
            sentences=(
                "The winner of the men’s race finished in two hours and {minute} minutes, a course record.",
                "Local businesses said the race brought thousands of visitors to {town} for the weekend.",
                "Road closures will be in place along {street} until the last runners finish.",
                "Many runners raised money for charity, with the hospital appeal the most popular cause.",
                "The course follows the {river} for much of its length before finishing in the old town.",
            ),
            quotes=(
                "I just wanted to finish, and then suddenly I was at the front",
                "The crowds on the last mile carried me home",
            ),
        ),
        Story(
            titles=(
                "{Team} relegated after defeat at {rival}",
                "Relegation for {team} after {small_word} years",
            ),
            leads=(
                "{Team} were relegated on {weekday} after a {score} defeat away to {rival}, ending a {small_word}-season stay in the top division.",
            ),
            undated=(
                "Supporters of {team} said on {weekday} that they would stand by the club after relegation.",
            ),
            sentences=(
                "The club’s board thanked supporters for their patience during a difficult campaign.",
                "{Team} won only {small_word} matches all season and conceded more goals than any other side.",
                "The coach is expected to stay in charge for next season.",
                "Several players are out of contract in the summer and are likely to leave.",
                "Relegation will cost the club an estimated {money} in lost income.",
            ),
            quotes=(
                "It hurts, and it should hurt, but we will come back stronger",
                "The supporters deserved better this season",
            ),
        ),
    ),
    sentences=(
        "{P1s} said the players had shown great character after a difficult start to the season.",
        "The club’s ground in {town} holds about {big} people.",
        "Sports clubs across {region} have reported rising membership this year.",
        "Highlights will be shown on regional television on {weekday2} evening.",
    ),
    quotes=(
        "We take it one game at a time",
        "This town lives for its sport",
    ),
    roles=(
        "the {team} head coach",
        "the {team} captain",
        "the club’s chair",
        "the race director",
        "a supporter from {town2}",
    ),
    subheads=(
        "A night to remember",
        "Second-half comeback",
        "Looking ahead",
        "Record crowd",
        "Injury worries",
    ),
)

ECONOMY_TOPICS: tuple[Topic, ...] = (BUSINESS, MARKETS, SPORTS)
