"""Civic beats of the synthetic newsroom: council, transport, health and schools, weather.

Invented prose only. Slots such as `{town}` or `{money}` are filled by `corpus.sample.text`.
"""

from __future__ import annotations

from corpus.sample.words import Story, Topic

COUNCIL = Topic(
    name="council",
    stories=(
        Story(
            titles=(
                "{Town} council approves {project}",
                "Councillors back {project} after long debate",
            ),
            leads=(
                "The {council} voted {votes} on {weekday} to approve {project}, ending more than a year of argument over its cost.",
                "A plan for {project} moved a step closer on {weekday} when the {council} agreed to borrow {sum} to pay for it.",
            ),
            undated=(
                "{Town} officials said on {weekday} that work on {project} could begin within {small_word} months now that councillors have approved it.",
            ),
            sentences=(
                "The proposal was first put forward in {prev_year} but stalled after a public consultation drew more than {big} responses.",
                "Opposition councillors said the authority had failed to explain how the scheme would be maintained once it was built.",
                "A report presented to councillors estimated that {num} jobs would be created during construction.",
                "Officials said work could begin as early as {month_next} if contracts are signed on time.",
                "The borrowing must still be approved by the regional board in {region} before any money is spent.",
            ),
            quotes=(
                "We have waited long enough for this, and the people of {town} deserve to see it finished",
                "Nobody is against the idea, but the numbers simply do not add up",
            ),
        ),
        Story(
            titles=(
                "{Town} budget vote delayed for a second time",
                "Councillors put off {town} budget again",
            ),
            leads=(
                "Councillors in {town} delayed a vote on next year’s budget for a second time on {weekday}, after officials said the cost of {project} had risen to {sum}.",
            ),
            undated=(
                "Officials said on {weekday} that the {council} would publish a revised budget within {small_word} weeks, after the vote was postponed again.",
            ),
            sentences=(
                "{P1s} told the meeting that the council’s reserves were at their lowest level for a decade.",
                "The council’s own auditors warned last year that several projects had been approved without a full costing.",
                "Without a budget in place, the council can spend money only on essential services.",
                "A final vote is now expected at the next full meeting of the council on {weekday2}.",
                "Council tax in {town} has risen by an average of {pct} over the past {small_word} years.",
            ),
            quotes=(
                "This council has a duty to spend every penny as if it were its own",
                "We cannot keep putting this off and hoping the numbers improve",
            ),
        ),
        Story(
            titles=(
                "{Town} to raise parking charges in {ward} ward",
                "Parking permits to cost more in {town}",
            ),
            leads=(
                "{Town} will raise charges for residents’ parking permits from {month_next}, the {council} said on {weekday}.",
                "Residents of the {ward} ward will pay more to park outside their own homes under plans approved by the {council} on {weekday}.",
            ),
            undated=(
                "{Town} officials said the higher parking charges would raise about {sum} a year for road repairs.",
            ),
            sentences=(
                "Under the plan, households in the {ward} ward would pay an extra {money_small} a year.",
                "Several shop owners on {street} said they had not been consulted about the changes.",
                "Permits for a second car will cost twice as much as those for the first.",
                "Blue badge holders and carers will be exempt from the increase.",
                "The council said the money would be spent on filling potholes and repairing pavements.",
            ),
            quotes=(
                "The consultation was rushed, and people in the {ward} ward feel ignored",
                "Nobody likes paying more, but the roads are falling apart",
            ),
        ),
        Story(
            titles=("Water prices rise again in {town}", "{Town} water bills to climb by {rise}"),
            leads=(
                "Households in {town} will pay {rise} more for water from {month_next}, the second increase in less than a year, the {council} said on {weekday}.",
            ),
            undated=(
                "Officials said on {weekday} that water bills in {town} would rise by {rise} to pay for repairs to leaking mains.",
            ),
            sentences=(
                "The council blamed the increase on the cost of replacing pipes laid more than a century ago.",
                "About a fifth of the town’s water is lost through leaks before it reaches homes, according to the council’s own figures.",
                "Campaigners have gathered {big} signatures on a petition calling for the increase to be reversed.",
                "Low-income households will be able to apply for a discount of up to half their bill.",
                "The {river}, which supplies most of the town’s water, fell to a record low last summer.",
            ),
            quotes=(
                "People are already struggling, and now they are being asked to pay again",
                "If we don’t fix the pipes now, the bill will only be bigger later",
            ),
        ),
        Story(
            titles=(
                "Council orders review after {sum} shortfall",
                "Questions over {town} council accounts",
            ),
            leads=(
                "The {council} has asked for an independent review of its accounts after a shortfall of {sum} was found in the housing budget.",
            ),
            undated=(
                "{Town} officials said on {weekday} that a shortfall of {sum} in the housing budget had gone unnoticed for almost two years.",
            ),
            sentences=(
                "The gap was discovered during a routine check of payments to building contractors.",
                "{P2s}, who chairs the audit committee, said no evidence of fraud had been found so far.",
                "The review will be carried out by an accounting firm from {town2} and is expected to take {small_word} months.",
                "Opposition members called for the finance chair to step aside while the review takes place.",
                "The mayor’s office declined to say whether any staff had been suspended.",
            ),
            quotes=(
                "People have a right to know where their money has gone",
                "We found the problem ourselves, and we will fix it ourselves",
            ),
        ),
    ),
    sentences=(
        "The chamber was adjourned twice during the debate as members of the public heckled speakers.",
        "{P2s}, who represents the {ward} ward, said residents had been given too little time to respond.",
        "Minutes of the meeting will be published on the council’s website next week.",
        "The {council} has {num_seats} elected members, and no single group holds a majority.",
        "Local elections are due next spring, and several councillors are not expected to stand again.",
        "Neighbouring {town2} faced a similar row last year and settled it with a public vote.",
    ),
    quotes=(
        "We will keep listening to residents, but in the end we have to make a decision",
        "It’s the same story every year: big promises in spring and nothing to show by winter",
    ),
    roles=(
        "the mayor of {town}",
        "the council’s finance chair",
        "a councillor for the {ward} ward",
        "the leader of the opposition group",
        "the town clerk",
    ),
    subheads=(
        "A long-delayed vote",
        "What happens next",
        "Costs keep climbing",
        "Residents divided",
        "Questions over the accounts",
        "Who pays",
    ),
)

TRANSPORT = Topic(
    name="transport",
    stories=(
        Story(
            titles=(
                "Harbour board approves new ferry timetable",
                "More ferry crossings to {town2} this summer",
            ),
            leads=(
                "The {town} harbour board approved a new ferry timetable on {weekday} that will add {small_word} crossings a day to {town2} during the summer.",
            ),
            undated=(
                "Officials said on {weekday} that the first extra ferry crossings to {town2} would run from the start of {month_next}.",
            ),
            sentences=(
                "The new ferries can carry up to {hundreds} passengers and {num} vehicles on each crossing.",
                "Islanders have complained for years that the last boat leaves too early for evening shift workers.",
                "The board said fares would not change until at least the end of the year.",
                "Two older vessels will be kept in reserve in case of breakdowns.",
                "Hauliers welcomed the extra sailings but asked for more space for lorries.",
            ),
            quotes=(
                "The timetable has not changed in twenty years, and the town has changed a great deal",
                "Passengers will notice the difference from the first week",
            ),
        ),
        Story(
            titles=(
                "Rail strike to disrupt services on {weekday2}",
                "Rail workers in {region} vote to strike",
            ),
            leads=(
                "Rail workers in {region} will strike on {weekday2} in a dispute over staffing, the union said on {weekday}, warning of severe disruption.",
            ),
            undated=(
                "Officials said on {weekday} that only one train an hour would run between {town} and {town2} during the strike.",
            ),
            sentences=(
                "The union said its members had been working long hours because of staff shortages.",
                "Replacement buses will run between {town} and {town2}, but journeys are expected to take twice as long.",
                "Season ticket holders will be offered a partial refund for days affected by the strike.",
                "{Operator} said it had offered to hire {num} more staff over the next two years.",
                "It would be the {small_ordinal} day of strike action on the network this year.",
            ),
            quotes=(
                "Nobody wants to strike, but we have been left with no choice",
                "Our door is open, and we want to reach an agreement before {weekday2}",
            ),
        ),
        Story(
            titles=(
                "{Town} bypass opens two years late",
                "Drivers welcome {town} bypass after long delays",
            ),
            leads=(
                "The {town} bypass opened to traffic on {weekday}, two years later than planned and {sum} over budget.",
            ),
            undated=(
                "{Town} officials said on {weekday} that the new bypass had cut the morning queue on {street} by half in its first days.",
            ),
            sentences=(
                "Traffic on {street} is expected to fall by about a third now that the bypass is open.",
                "Construction was held up by flooding in {prev_year} and by the discovery of an old burial ground.",
                "Lorries will be banned from the town centre from next month.",
                "The road includes a bridge over the {river} and a path for cyclists and walkers.",
                "An inquiry into the cost overrun is due to report before the end of the year.",
            ),
            quotes=(
                "It’s good news for anyone who has sat in traffic on {street} on a Friday afternoon",
                "Better late than never, but someone should answer for the delay",
            ),
        ),
        Story(
            titles=("Bus fares to rise across {region}", "Bus fares in {region} to rise by {rise}"),
            leads=(
                "Bus fares across {region} will rise by an average of {rise} from next month, {operator} said on {weekday}.",
            ),
            undated=(
                "{Town} officials said they would ask {operator} to restore the late-night bus service that was cut last year.",
            ),
            sentences=(
                "{Operator} said fuel and wage costs had risen faster than passenger numbers.",
                "Children and pensioners will continue to travel free outside the morning peak.",
                "Passenger numbers on the busiest routes are still below where they were {small_word} years ago.",
                "The regional transport authority has promised a review of fares before the end of the year.",
                "Day tickets will rise to {money_small}, while single fares will go up by smaller amounts.",
            ),
            quotes=(
                "The fare rise will hit the people who can least afford it",
                "We have held fares for as long as we could",
            ),
        ),
        Story(
            titles=(
                "New cycle route links {town} and {town2}",
                "Old railway line reopens as cycle path",
            ),
            leads=(
                "A new cycle route between {town} and {town2} opened on {weekday}, following the line of a railway that closed in the 1960s.",
            ),
            undated=(
                "Officials said about {big} people used the new cycle path between {town} and {town2} in its first week.",
            ),
            sentences=(
                "Cyclists welcomed the route but said lighting was needed on the stretch near the {river}.",
                "Volunteers spent {small_word} years clearing the old track bed of brambles and fallen trees.",
                "The path passes two restored station buildings, one of which will become a café.",
                "Work on the second phase of the route is due to start next spring.",
                "The project cost {sum}, most of it from a regional fund for walking and cycling.",
            ),
            quotes=(
                "My children can now cycle to school without going near the main road",
                "This line carried coal for a hundred years, and now it carries families",
            ),
        ),
    ),
    sentences=(
        "Passengers have complained for years about crowded services and late arrivals.",
        "{P1s} said the operator had spent {money} on new vehicles over the past {small_word} years.",
        "The regional transport plan aims to cut car journeys by a fifth by the end of the decade.",
        "Figures published in {month_prev} showed that punctuality on local routes had improved slightly.",
        "Business groups in {town} said good transport links were vital for attracting new employers.",
    ),
    quotes=(
        "People will use public transport if it is reliable, and not otherwise",
        "We are listening to passengers, and we know there is more to do",
    ),
    roles=(
        "the chair of the {town} harbour board",
        "a spokesperson for {operator}",
        "the regional secretary of the rail union",
        "a commuter from {town2}",
        "the head of the regional transport authority",
    ),
    subheads=(
        "What passengers can expect",
        "Years of delays",
        "A route with history",
        "Talks break down",
        "Fares under pressure",
    ),
)

COMMUNITY = Topic(
    name="community",
    stories=(
        Story(
            titles=(
                "{Hospital} opens new emergency wing",
                "New emergency wing to cut waits at {hospital}",
            ),
            leads=(
                "{Hospital} opened a new emergency wing on {weekday}, doubling the number of treatment bays and, managers hope, cutting waiting times.",
            ),
            undated=(
                "Officials said on {weekday} that the new emergency wing at {hospital} had treated {num} patients on its first day.",
            ),
            sentences=(
                "The new wing cost {sum} and took almost three years to build.",
                "It has a separate area for children and a unit for patients with mental health problems.",
                "The old emergency department will be turned into a day surgery unit.",
                "The hospital trust said it had recruited {num} nurses from overseas over the past year.",
                "Staff were given a tour of the building on {weekday2} before the first patients arrived.",
            ),
            quotes=(
                "We have the building now, and what we need next is the people to work in it",
                "Our staff have been working in cramped rooms for years, and they deserve this",
            ),
        ),
        Story(
            titles=(
                "Waiting times rise at {town} clinics",
                "Patients in {town} wait longer for appointments",
            ),
            leads=(
                "Patients in {town} are waiting an average of {num_days} days for a routine appointment, according to figures released on {weekday}.",
            ),
            undated=(
                "{Town} officials said a shortage of nurses was the main reason for longer waits at {hospital}.",
            ),
            sentences=(
                "Waiting times have risen by {rise} since the same period last year.",
                "Health officials urged people to use pharmacies for minor complaints to ease pressure on clinics.",
                "Two of the town’s five clinics have been without a permanent doctor since {month_prev}.",
                "Patients with urgent problems are still being seen on the same day, the health board said.",
                "A new booking system, introduced last year, was meant to cut waits but has been plagued by faults.",
            ),
            quotes=(
                "I rang every morning for a week before I got an appointment",
                "Nobody goes into nursing for the money, but people need to be able to pay their rent",
            ),
        ),
        Story(
            titles=(
                "{School} to close after roof inspection",
                "Pupils moved as {school} roof found unsafe",
            ),
            leads=(
                "{School} will close for at least {small_word} weeks after an inspection found problems with its roof, the district education office said on {weekday}.",
            ),
            undated=(
                "Officials said on {weekday} that pupils from {school} would be taught in temporary classrooms while its roof is repaired.",
            ),
            sentences=(
                "Parents were told of the closure in a letter sent home with pupils on {weekday}.",
                "Pupils will be taught in temporary classrooms at the {town2} community centre.",
                "The education office said safety was its first priority and that no pupil had been hurt.",
                "The roof was built in the 1970s with a type of lightweight concrete that weakens with age.",
                "Buses will take pupils to the temporary site and back at no cost to families.",
            ),
            quotes=(
                "My daughter’s class has moved three times this year",
                "We will not take any risks with the safety of children",
            ),
        ),
        Story(
            titles=("Teachers vote to accept pay offer", "Teachers in {region} end pay dispute"),
            leads=(
                "Teachers in {region} voted on {weekday} to accept a pay offer of {rise} over two years, ending a dispute that had led to several strike days.",
            ),
            undated=(
                "Officials said on {weekday} that schools across {region} would run normal timetables again from next week.",
            ),
            sentences=(
                "The union said the deal was not perfect but was the best that could be achieved.",
                "About {pct_turnout} of members took part in the ballot.",
                "Teachers lost {small_word} days of teaching to strikes over the past year.",
                "The offer also includes extra pay for teachers who work in remote schools.",
                "Head teachers said they would now try to make up for lost lessons before the exams.",
            ),
            quotes=(
                "It is a fair deal, and it means children will be back in class",
                "Nobody wanted to strike, and nobody will miss the picket line",
            ),
        ),
        Story(
            titles=("Library extends opening hours in {town}", "{Town} library to open on Sundays"),
            leads=(
                "The {town} public library will open on Sunday afternoons from next month, after a campaign by parents and students.",
            ),
            undated=(
                "{Town} officials said on {weekday} that the public library would open on Sundays for a trial period of six months.",
            ),
            sentences=(
                "{P1s} said the library had become a place where students came to study when homes were crowded.",
                "Opening the library on Sundays will cost about {money_small} a week, paid for from the culture budget.",
                "Volunteers will help staff run a homework club and a reading group for older residents.",
                "The campaign collected {big} signatures in less than a month.",
                "The building on {street} was renovated {small_word} years ago and now has a small café.",
            ),
            quotes=(
                "The library is the only warm, quiet place some of these young people have",
                "We asked, and for once somebody listened",
            ),
        ),
    ),
    sentences=(
        "Staff shortages remain the biggest problem, with {num} posts unfilled across the region.",
        "The regional government has promised more money for public services in next year’s budget.",
        "Community groups in {town} said they had been raising the issue for years.",
        "Figures for neighbouring {town2} show a similar picture.",
    ),
    quotes=(
        "This is what people pay their taxes for",
        "There is still a long way to go, but this is a start",
    ),
    roles=(
        "the director of {hospital}",
        "a nurse at the {town} clinic",
        "the district education officer",
        "the head teacher of {school}",
        "a parent from {town2}",
        "the chief librarian in {town}",
    ),
    subheads=(
        "Staff shortages",
        "A long wait",
        "Parents left in the dark",
        "What changes now",
        "Back to the classroom",
    ),
)

WEATHER = Topic(
    name="weather",
    stories=(
        Story(
            titles=(
                "Storm brings flooding to {town}",
                "{River} bursts its banks after days of rain",
            ),
            leads=(
                "Heavy rain overnight caused the {river} to burst its banks on {weekday}, flooding dozens of homes and shops in the lower part of {town}.",
            ),
            undated=(
                "Officials said on {weekday} that emergency crews had rescued {small_word} people from cars caught in floodwater near {town}.",
            ),
            sentences=(
                "The weather office said {rain} mm of rain fell in {small_word} hours, more than the usual total for the whole month.",
                "Residents on {street} said the water rose so quickly that they had no time to move furniture upstairs.",
                "Sandbags were handed out at the town hall, and a rest centre was opened at {school}.",
                "The council has been criticised for delays to the {river} flood barrier, which was due to be finished last year.",
                "Trains between {town} and {town2} were cancelled after a landslide blocked the line.",
            ),
            quotes=(
                "I’ve lived here for forty years and I have never seen the water this high",
                "The ground is already soaked, so even a little more rain could cause problems",
            ),
            seasons=("autumn", "winter", "spring"),
        ),
        Story(
            titles=(
                "Heat warning issued for {region}",
                "Temperatures to reach {temp_hot} degrees in {region}",
            ),
            leads=(
                "Forecasters issued a heat warning for {region} on {weekday}, with temperatures expected to reach {temp_hot} degrees by the weekend.",
            ),
            undated=(
                "Officials said on {weekday} that cooling centres would open in {town} as temperatures climbed above {temp_hot} degrees.",
            ),
            sentences=(
                "Older residents were urged to stay indoors during the hottest part of the day and drink plenty of water.",
                "Outdoor workers on building sites in {town} were told to start at dawn and stop by noon.",
                "Firefighters were on alert after several grass fires broke out along the railway line.",
                "Some schools shortened the school day to avoid the afternoon heat.",
                "The hottest day on record in the region was set in {prev_year}.",
            ),
            quotes=(
                "Check on your neighbours, especially anyone who lives alone",
                "The building gets unbearable by lunchtime, and there is no air conditioning",
            ),
            seasons=("summer",),
        ),
        Story(
            titles=(
                "Heavy snow closes roads around {town}",
                "Snow and ice bring travel chaos to {region}",
            ),
            leads=(
                "Snow and ice closed several roads around {town} on {weekday}, leaving drivers stranded for hours and forcing schools to shut.",
            ),
            undated=(
                "{Town} officials said on {weekday} that gritting lorries had worked through the night but could not keep every road open.",
            ),
            sentences=(
                "Temperatures dropped to {temp_cold} degrees overnight, the lowest reading this winter.",
                "Several flights from the regional airport were delayed as crews cleared snow from the runway.",
                "Police advised drivers to stay at home unless their journey was essential.",
                "A farmer with a tractor towed more than a dozen cars out of drifts on the hill road.",
                "More snow is forecast for the high ground on {weekday2}.",
            ),
            quotes=(
                "People should only travel if their journey is absolutely necessary",
                "We have enough grit for a week, but not for a month like last year",
            ),
            seasons=("winter",),
        ),
        Story(
            titles=(
                "Gales cut power to thousands of homes",
                "Storm winds bring down trees across {region}",
            ),
            leads=(
                "Strong winds brought down trees and power lines across {region} on {weekday}, leaving about {big} homes without electricity.",
            ),
            undated=(
                "Officials said on {weekday} that power had been restored to most homes in {town} after the storm.",
            ),
            sentences=(
                "Engineers were working to restore power, but some rural areas may be without electricity until {weekday2}.",
                "A gust of {num_gust} km an hour was recorded on the coast near {town2}.",
                "The {town} fire service said it had received more than {num} calls for help during the night.",
                "Ferries were cancelled and the harbour was closed to small boats.",
                "Insurers said it was too early to estimate the cost of the damage.",
            ),
            quotes=(
                "We worked through the night and we will keep going until everyone is safe",
                "The whole house shook, and then the lights went out",
            ),
            seasons=("autumn", "winter"),
        ),
        Story(
            titles=(
                "Drought forces hosepipe ban in {region}",
                "Reservoirs run low as dry spell continues",
            ),
            leads=(
                "Water companies in {region} have introduced a hosepipe ban after the driest summer in more than {num_years} years.",
            ),
            undated=(
                "Officials said on {weekday} that reservoirs serving {town} were at {pct_level} of their normal level.",
            ),
            sentences=(
                "Farmers in the {river} valley warned that crops could be lost if the dry spell continues.",
                "Anyone caught using a hosepipe to water a garden or wash a car could be fined.",
                "Leaks from old pipes waste more water each day than the ban is expected to save.",
                "Fish were moved from a shrinking stretch of the {river} by volunteers.",
                "Forecasters said there was little sign of significant rain for at least {small_word} weeks.",
            ),
            quotes=(
                "The crops need rain badly, and there is none in the forecast",
                "Every bucket counts at the moment",
            ),
            seasons=("summer",),
        ),
    ),
    sentences=(
        "Forecasters expect conditions to ease by the middle of next week.",
        "The regional emergency service said its control room had been busier than on any day this year.",
        "Scientists say extreme weather in the region has become more frequent over the past two decades.",
        "Advice for residents is available from the council and on local radio.",
    ),
    quotes=(
        "Nobody here can remember anything like it",
        "We were lucky this time, and next time we might not be",
    ),
    roles=(
        "a forecaster at the {region} weather office",
        "the head of the {town} fire service",
        "a farmer from near {town}",
        "a shop owner on {street}",
        "the council’s emergency planning officer",
    ),
    subheads=(
        "Roads closed",
        "A record-breaking night",
        "More on the way",
        "Counting the cost",
        "Advice for residents",
    ),
)

CIVIC_TOPICS: tuple[Topic, ...] = (COUNCIL, TRANSPORT, COMMUNITY, WEATHER)
