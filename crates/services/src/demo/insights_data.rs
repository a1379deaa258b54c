//! What the demo partnership has learned from people, theme by theme, and
//! what was done about it. Everything here is fictional.
//!
//! Each theme is written once; `insights.rs` tells it again for other
//! places and times, choosing different findings and voices each time.

use super::{CheckSeed, Link, SaidSeed, Theme};

const COUNCIL: &str = "northshire-council";
const NHS: &str = "northshire-nhs";
const BRIGHTWATER: &str = "brightwater-care";
const CARERS: &str = "northshire-carers";

pub(super) const THEMES: [Theme; 30] = [
    Theme {
        title: "Getting to day services by bus",
        summary: "People told us the buses do not fit the times of day services. Some arrive \
            late and some wait outside for a long time.",
        findings: [
            "The first bus from the villages reaches the day centre after the day's activities \
             have started.",
            "People who use a wheelchair said some buses have no ramp, or the ramp does not work.",
            "Drivers do not always wait until people have sat down, which makes some people \
             anxious about travelling.",
            "Families said they give up hours at work to drive people in when the bus lets them \
             down.",
            "People liked the community transport scheme but said it is hard to book by phone.",
        ],
        quotes: [
            "I love the centre, but I spend more time waiting for the bus than I do at the centre.",
            "If the bus is late, I miss lunch with my friends.",
        ],
        asks: "People asked for day centre times that match the bus timetable, and for one \
            person to call when transport goes wrong.",
        topics: &["transport", "day-opportunities"],
        areas: &["day_opportunities"],
        orgs: &[COUNCIL],
        methods: &["consultation", "involvement"],
        home: "brindlemoor",
        link: Link::None,
    },
    Theme {
        title: "Carers' breaks: what makes a good break",
        summary: "Carers told us a break only helps if they can trust the person who steps in. \
            Many do not know how to book a break.",
        findings: [
            "Most carers had not had a whole day off in the last six months.",
            "Carers said they would use breaks more if the same worker came each time.",
            "Booking is hard: the forms are long and the phone line is busy in the morning.",
            "Some carers feel guilty asking for a break and want to hear that it is normal.",
            "Carers of people living with dementia want breaks at short notice, not only ones \
             planned weeks ahead.",
        ],
        quotes: [
            "I need to know Mum is happy, or I just sit and worry the whole time.",
            "A few hours on a Saturday would make the week feel possible.",
        ],
        asks: "Carers asked for one simple way to book a break, and for breaks at short notice.",
        topics: &["carers-support"],
        areas: &["carers"],
        orgs: &[COUNCIL, CARERS],
        methods: &["co_production", "consultation"],
        home: "ashby-vale",
        link: Link::Activity { kind: "workshop" },
    },
    Theme {
        title: "Care at home visits that arrive on time",
        summary: "People who get care at home said late and rushed visits are their biggest \
            worry. They want to know who is coming and when.",
        findings: [
            "Morning visits were often more than an hour late, so people waited to get up or to \
             take their medicines.",
            "Visits feel rushed when care workers travel a long way between homes.",
            "Nobody calls to say when a care worker is running late.",
            "People value care workers who have time for a chat and know how they like things \
             done.",
            "Many people see more than ten different care workers in a month.",
        ],
        quotes: [
            "I'd rather know she's going to be late than sit by the window wondering.",
            "The good ones treat my home like my home.",
        ],
        asks: "People asked for a phone call when a visit will be late, and for fewer care \
            workers they already know.",
        topics: &["home-care"],
        areas: &["home_care"],
        orgs: &[BRIGHTWATER, COUNCIL],
        methods: &["consultation", "involvement"],
        home: "fernley-coast",
        link: Link::None,
    },
    Theme {
        title: "Choosing when to get up and go to bed in a care home",
        summary: "Residents told us they want more say over their own day. Set times for \
            getting up, meals and bed feel like rules, not choices.",
        findings: [
            "Some residents are woken early because of the times staff start and finish.",
            "Residents want to eat later in the evening and to have a snack at night.",
            "Families said nobody asked about their relative's habits when they moved in.",
            "Residents enjoyed having a say in the menu and want to do it more often.",
            "People living with dementia were calmer when staff kept to their old routines.",
        ],
        quotes: [
            "I've got up at half past eight all my life. Why should that change now?",
            "It's my home, so I should choose when the light goes off.",
        ],
        asks: "Residents asked for a one-page note of how each person likes their day, kept up \
            to date.",
        topics: &["care-homes"],
        areas: &["care_homes"],
        orgs: &[BRIGHTWATER, COUNCIL],
        methods: &["involvement", "participation"],
        home: "greyhaven",
        link: Link::Project {
            position: 24,
            days: 250,
        },
    },
    Theme {
        title: "Managing a direct payment without the stress",
        summary: "People who manage a direct payment like the control it gives them. But the \
            paperwork and being an employer worry them.",
        findings: [
            "The forms to show how people spent the money are long and use hard words.",
            "Employing a personal assistant felt like a big job with little help.",
            "People did not know who to call when their personal assistant was ill.",
            "Some people had money taken back without a clear reason.",
            "Support from other people with a direct payment was the most useful help of all.",
        ],
        quotes: [
            "I wanted freedom, not a second job doing accounts.",
            "Talking to someone who has done it before made all the difference.",
        ],
        asks: "People asked for a simpler yearly check and a named adviser to call.",
        topics: &["direct-payments"],
        areas: &["direct_payments"],
        orgs: &[COUNCIL, CARERS],
        methods: &["co_production", "consultation"],
        home: "",
        link: Link::Project {
            position: 7,
            days: 300,
        },
    },
    Theme {
        title: "Leaving hospital with the right help at home",
        summary: "Patients and families said leaving hospital often happens in a rush. They were \
            not sure what help would be in place at home.",
        findings: [
            "Staff told many people they could go home that same morning, with no time to plan.",
            "Nobody told families about medicines or equipment before the person got home.",
            "Some people waited in hospital for days for their care at home to start.",
            "People wanted one person to contact in the first week after leaving hospital.",
            "A phone call the day after getting home helped people feel safe.",
        ],
        quotes: [
            "They said, you can go now, and I had no food in the house.",
            "The phone call the next day was the first time anyone asked how I was coping.",
        ],
        asks: "People asked for at least a day's notice, and a written list of who will visit \
            and when.",
        topics: &["hospital-discharge", "home-care"],
        areas: &["hospital_discharge"],
        orgs: &[NHS],
        methods: &["consultation", "involvement"],
        home: "castleford-north",
        link: Link::Activity {
            kind: "focus_group",
        },
    },
    Theme {
        title: "Finding information about care without the internet",
        summary: "Older people and people without the internet at home struggle to find out \
            about care. They want printed information and someone to talk to.",
        findings: [
            "Many people did not know the phone number for adult social care.",
            "Leaflets in doctors' surgeries and libraries were out of date.",
            "People said the website is hard to read on a phone.",
            "Community groups and places of worship were where many people first heard about \
             help.",
            "People wanted information in large print, in easy read and in other languages.",
        ],
        quotes: [
            "Everything says go online, but I haven't got the online.",
            "The lady at the library helped me more than anyone.",
        ],
        asks: "People asked for drop-in sessions in libraries, and for printed guides that someone keeps up to date.",
        topics: &["information-advice"],
        areas: &["information"],
        orgs: &[COUNCIL],
        methods: &["information", "consultation"],
        home: "dunmere",
        link: Link::None,
    },
    Theme {
        title: "Homes that let people live on their own terms",
        summary: "People with a learning disability told us what a good home looks like. They \
            want their own front door, and support when they need it.",
        findings: [
            "People wanted to choose who they live with, or to live alone.",
            "Being close to shops, buses and friends mattered more than the size of the home.",
            "Some people had moved many times and wanted somewhere to stay for good.",
            "Support staff changing often made people feel unsettled at home.",
            "Families worried about what will happen when they can no longer help.",
        ],
        quotes: [
            "I want a key of my own and a door I can lock.",
            "Home is where my friends can visit.",
        ],
        asks: "People asked to visit homes before choosing, and to meet the support staff first.",
        topics: &["housing"],
        areas: &["housing", "learning_disability"],
        orgs: &[COUNCIL],
        methods: &["co_production", "involvement"],
        home: "castleford-north",
        link: Link::Project {
            position: 8,
            days: 30,
        },
    },
    Theme {
        title: "Work and volunteering for people who draw on care",
        summary: "People told us they want paid work or volunteering, not only a place at a day \
            centre. They need help to find jobs and to keep them.",
        findings: [
            "Nobody had ever asked many people what kind of job they would like.",
            "People worried that earning money would change their benefits.",
            "Job coaches who stayed for the first few weeks made the biggest difference.",
            "Employers said they want to help but do not know where to start.",
            "Volunteering was a good first step for people who had not worked for years.",
        ],
        quotes: [
            "I want a job like my brother has.",
            "Having my coach there on the first day calmed my nerves.",
        ],
        asks: "People asked for advice about benefits before starting work, and for job coaches \
            in every part of the county.",
        topics: &["employment"],
        areas: &["day_opportunities", "learning_disability"],
        orgs: &[COUNCIL, CARERS],
        methods: &["involvement", "participation"],
        home: "eastholme",
        link: Link::None,
    },
    Theme {
        title: "Your first call to adult social care",
        summary: "People told us what happened when they first asked for help. Long waits on \
            the phone and telling their story again and again were the main problems.",
        findings: [
            "Many callers waited more than twenty minutes before anyone answered.",
            "People had to tell their story again each time they spoke to someone new.",
            "Callers did not know what would happen next or how long it would take.",
            "A call back at a set time was much better than waiting on hold.",
            "People who had a carer with them on the call found it easier.",
        ],
        quotes: [
            "By the time they answered, I'd forgotten half of what I wanted to say.",
            "Just tell me what happens next and when.",
        ],
        asks: "People asked for call backs at a time they choose, and a letter saying what \
            happens next.",
        topics: &["information-advice"],
        areas: &["information"],
        orgs: &[COUNCIL],
        methods: &["consultation"],
        home: "",
        link: Link::Activity {
            kind: "focus_group",
        },
    },
    Theme {
        title: "Waiting for mental health support",
        summary: "People waiting for mental health care said the silence is the hardest part. \
            They want to hear from someone while they wait.",
        findings: [
            "People waited months with no contact and did not know if they were still on the \
             list.",
            "Letters used words that people did not understand.",
            "People wanted to know about groups and helplines they could use while waiting.",
            "Having a named contact made people feel less alone.",
            "Some people went to the hospital's emergency department because they did not know \
             where else to go.",
        ],
        quotes: [
            "Even a text every month would tell me I haven't been forgotten.",
            "I read the letter three times and still didn't know what it meant.",
        ],
        asks: "People asked for a regular check-in while they wait, and letters in plain words.",
        topics: &["information-advice"],
        areas: &["mental_health"],
        orgs: &[NHS],
        methods: &["involvement", "consultation"],
        home: "greyhaven",
        link: Link::Project {
            position: 22,
            days: 520,
        },
    },
    Theme {
        title: "What residents said on our care home quality check",
        summary: "Residents and their families told us about daily life in a care home. \
            Residents praised the staff but said there is not enough to do.",
        findings: [
            "Residents said staff are kind and know them by name.",
            "Afternoons were long and quiet, with few things to do.",
            "The garden is lovely, but people who use a wheelchair cannot get to it easily.",
            "Families wanted more news when their relative was unwell.",
            "Residents liked the visiting dogs and asked for more outings.",
        ],
        quotes: [
            "The staff here are lovely, but the afternoons drag.",
            "I'd like to sit in the garden when the sun is out.",
        ],
        asks: "Residents asked for things to do in the afternoons and a level path to the garden.",
        topics: &["care-homes"],
        areas: &["care_homes"],
        orgs: &[COUNCIL],
        methods: &["involvement"],
        home: "fernley-coast",
        link: Link::Activity {
            kind: "quality_check",
        },
    },
    Theme {
        title: "Young carers balancing school and caring",
        summary: "Young carers told us caring makes school harder. Many said their teachers do \
            not know they are a carer.",
        findings: [
            "Young carers are often late or tired because of caring in the morning.",
            "Most had not told anyone at school that they care for someone at home.",
            "They valued the young carers group as a place where they did not have to explain.",
            "Some worried about leaving home for college or work.",
            "They wanted breaks and trips, and time to just be young.",
        ],
        quotes: [
            "At group nobody asks why I look tired.",
            "I didn't know there was a word for what I do.",
        ],
        asks: "Young carers asked for a named person at school and more group trips in the \
            holidays.",
        topics: &["carers-support"],
        areas: &["carers"],
        orgs: &[CARERS],
        methods: &["participation", "involvement"],
        home: "ashby-vale",
        link: Link::None,
    },
    Theme {
        title: "Help at night for people living at home",
        summary: "People who need help at night told us what works and what does not. Feeling \
            safe at night was the most important thing.",
        findings: [
            "People worried about falling at night with nobody to call.",
            "Night visits at set times woke people who were fast asleep.",
            "People liked having an alarm they can press that reaches a real person.",
            "Carers said a full night's sleep once a week would help them keep going.",
            "Some people wanted a visit later in the evening instead of a visit in the night.",
        ],
        quotes: [
            "I don't need someone at two in the morning. I need someone at ten, before bed.",
            "Knowing someone will come if I press the button lets me sleep.",
        ],
        asks: "People asked for help at night that fits their own sleep, not a rota.",
        topics: &["home-care"],
        areas: &["home_care"],
        orgs: &[BRIGHTWATER],
        methods: &["consultation", "involvement"],
        home: "eastholme",
        link: Link::Project {
            position: 26,
            days: 100,
        },
    },
    Theme {
        title: "Choosing a care home for a relative",
        summary: "Families told us they had to choose a care home in a rush, and found it confusing. The costs, and \
            who pays them, were the hardest things to understand.",
        findings: [
            "Families often had days, not weeks, to choose a home after a hospital stay.",
            "Nobody explained the difference between what the council pays and top-up fees.",
            "Families wanted to visit homes at mealtimes to see daily life.",
            "Lists of homes with free rooms were out of date.",
            "Families valued talking to other families who had been through it.",
        ],
        quotes: [
            "We had three days to choose where Dad would live for the rest of his life.",
            "Nobody could tell me what the top-up fee was for.",
        ],
        asks: "Families asked for a plain guide to costs and an up-to-date list of free rooms.",
        topics: &["care-homes", "information-advice"],
        areas: &["care_homes", "information"],
        orgs: &[COUNCIL, CARERS],
        methods: &["consultation"],
        home: "",
        link: Link::None,
    },
    Theme {
        title: "Letters about paying for care that people can understand",
        summary: "People told us letters about paying for care are hard to read and \
            frightening. They want clear words and a number to call.",
        findings: [
            "People did not understand how we worked out their charge.",
            "Letters arrived with a bill but no explanation.",
            "Some people stopped their care because they were scared of the cost.",
            "People wanted someone to explain the letter on the phone.",
            "People with sight loss could not read the small print.",
        ],
        quotes: [
            "I thought I'd done something wrong when I opened it.",
            "Just tell me in plain words what I pay and why.",
        ],
        asks: "People asked for a one-page summary at the top of every letter.",
        topics: &["information-advice"],
        areas: &["information", "strategy"],
        orgs: &[COUNCIL],
        methods: &["co_production", "consultation"],
        home: "",
        link: Link::Project {
            position: 4,
            days: 520,
        },
    },
    Theme {
        title: "Day centres people want to go to",
        summary: "People told us what they value at day centres. Friends, good food and going \
            out into the community mattered most.",
        findings: [
            "People said the best part of the day is seeing their friends.",
            "People wanted more trips out and fewer days spent indoors.",
            "Some activities felt childish to adults.",
            "Lunch is important, and people want a say in the menu.",
            "People wanted to try new things, like cooking, gardening and music.",
        ],
        quotes: [
            "I come for my mates and the dinners.",
            "We're grown-ups. We don't want to colour in.",
        ],
        asks: "People asked to plan the activities themselves each month.",
        topics: &["day-opportunities"],
        areas: &["day_opportunities"],
        orgs: &[COUNCIL, BRIGHTWATER],
        methods: &["co_production", "involvement"],
        home: "brindlemoor",
        link: Link::Project {
            position: 3,
            days: 600,
        },
    },
    Theme {
        title: "Getting help with shopping and meals",
        summary: "Older people living alone said getting food in is one of their biggest \
            struggles. Help with shopping keeps them living at home.",
        findings: [
            "People who cannot carry heavy bags rely on family or neighbours for shopping.",
            "Shopping online was hard for people without a computer.",
            "Care visits were too short to cook a proper meal.",
            "Lunch clubs helped with both food and company.",
            "Some people lost weight when nobody helped with meals.",
        ],
        quotes: [
            "A hot dinner and a chat. That's what keeps me going.",
            "My neighbour shops for me, but she's eighty too.",
        ],
        asks: "People asked for more lunch clubs and help to order shopping by phone.",
        topics: &["home-care"],
        areas: &["home_care"],
        orgs: &[BRIGHTWATER, CARERS],
        methods: &["consultation", "community_engagement"],
        home: "dunmere",
        link: Link::None,
    },
    Theme {
        title: "Keeping safe and warm at home in winter",
        summary: "People told us about cold homes and high bills. Some were choosing between \
            heating and eating.",
        findings: [
            "People turned off the heating to save money, even when they were unwell.",
            "Many did not know about grants for insulation or new boilers.",
            "Damp made breathing problems worse.",
            "People wanted one place to ask about all the help there is.",
            "Home visits by groups people trust helped them apply for help.",
        ],
        quotes: [
            "I sit in my coat with a blanket over my knees.",
            "I didn't know I could get help with the boiler.",
        ],
        asks: "People asked for home visits to check what help they can get.",
        topics: &["housing"],
        areas: &["housing"],
        orgs: &[COUNCIL, CARERS],
        methods: &["community_engagement", "consultation"],
        home: "fernley-coast",
        link: Link::None,
    },
    Theme {
        title: "Family carers' views on care at home visits",
        summary: "Family carers told us how care at home visits affect them. They want care workers to treat them as partners, not visitors.",
        findings: [
            "Carers often hear nothing when the rota changes.",
            "The agency does not always share care notes with the family.",
            "New care workers do not always know the person's needs.",
            "Carers valued care workers who asked for their advice.",
            "Some carers are doing extra care because visits are too short.",
        ],
        quotes: [
            "I know him best. Ask me.",
            "I found out about the new times from him, not from the agency.",
        ],
        asks: "Carers asked to see the care notes, and to hear about rota changes a week ahead.",
        topics: &["carers-support", "home-care"],
        areas: &["carers", "home_care"],
        orgs: &[BRIGHTWATER],
        methods: &["consultation"],
        home: "eastholme",
        link: Link::Activity {
            kind: "focus_group",
        },
    },
    Theme {
        title: "Staying connected: loneliness in the villages",
        summary: "People in villages told us they can go days without speaking to anyone. Few \
            buses and closed community spaces make it worse.",
        findings: [
            "Many village halls and pubs have closed.",
            "Buses stop in the early evening or do not run at weekends.",
            "Friendly phone calls from volunteers helped people feel less alone.",
            "People wanted groups close to home, not only in the towns.",
            "Some carers said they are lonely too.",
        ],
        quotes: [
            "Some weeks the only person I speak to is the postman.",
            "The Tuesday group is the best day of my week.",
        ],
        asks: "People asked for groups in village halls and community transport at weekends.",
        topics: &["transport", "day-opportunities"],
        areas: &["day_opportunities"],
        orgs: &[CARERS, COUNCIL],
        methods: &["community_engagement", "consultation"],
        home: "greyhaven",
        link: Link::None,
    },
    Theme {
        title: "Learning Disability Partnership Forum: what members want to change",
        summary: "Forum members told us what should change this year. Easy read information, and staff who listen, came up most.",
        findings: [
            "Members said letters and forms are rarely in easy read.",
            "Members wanted to check council plans before the council agrees them.",
            "Some members had been called names on the bus and wanted it taken seriously.",
            "Members liked getting paid for their time.",
            "Members wanted the forum to meet in different towns.",
        ],
        quotes: [
            "Nothing about us without us.",
            "When they use easy read, I can do it myself.",
        ],
        asks: "Members asked to check every new leaflet in easy read before it goes to print.",
        topics: &["information-advice", "day-opportunities"],
        areas: &["learning_disability"],
        orgs: &[COUNCIL],
        methods: &["involvement", "co_production"],
        home: "",
        link: Link::Activity {
            kind: "forum_meeting",
        },
    },
    Theme {
        title: "Training new care workers with the people they support",
        summary: "People we support told us what new care workers should learn first. Respect \
            and listening came before tasks.",
        findings: [
            "People wanted new staff to ask before doing things for them.",
            "New staff should read a person's one-page profile before the first visit.",
            "People wanted to help train staff, and to get paid for it.",
            "Staff said hearing from people directly stayed with them longer than slides did.",
            "People wanted staff to learn about sight and hearing loss.",
        ],
        quotes: [
            "Knock, say who you are, and ask. That's all.",
            "Let me tell them how I like my tea.",
        ],
        asks: "People asked to lead part of every first week for new staff.",
        topics: &["employment", "home-care"],
        areas: &["workforce"],
        orgs: &[BRIGHTWATER],
        methods: &["co_production"],
        home: "",
        link: Link::Project {
            position: 25,
            days: 500,
        },
    },
    Theme {
        title: "Advice for carers who work",
        summary: "Working carers told us they cannot get to services that only open in office hours. Many have cut their hours or left work.",
        findings: [
            "Most working carers could not get to support groups in the day.",
            "Some carers had left jobs because they could not get time off.",
            "Few employers had a policy for carers.",
            "Carers wanted advice by phone or online in the evening.",
            "Carers valued an understanding manager more than anything else.",
        ],
        quotes: [
            "Everything is nine to five, and so am I.",
            "My manager letting me start late saved my job.",
        ],
        asks: "Carers asked for advice sessions in the evening and at weekends.",
        topics: &["carers-support", "employment"],
        areas: &["carers"],
        orgs: &[CARERS],
        methods: &["consultation"],
        home: "castleford-north",
        link: Link::Project {
            position: 32,
            days: 120,
        },
    },
    Theme {
        title: "Equipment that helps people stay at home",
        summary: "People told us equipment like grab rails and shower seats helps them stay at \
            home. Waiting for it takes too long.",
        findings: [
            "People waited weeks for simple things like grab rails.",
            "Some equipment arrived without anyone showing people how to use it.",
            "People did not know how to give back equipment they no longer needed.",
            "Some people fell while they were waiting for equipment.",
            "People were happy to buy small items if they knew where to go.",
        ],
        quotes: [
            "Six weeks for a rail by the stairs. I fell in week four.",
            "Nobody showed me how to work the hoist.",
        ],
        asks: "People asked for someone to fit small items quickly, and to show them how things work when they arrive.",
        topics: &["home-care", "housing"],
        areas: &["home_care", "housing"],
        orgs: &[COUNCIL, NHS],
        methods: &["consultation"],
        home: "brindlemoor",
        link: Link::None,
    },
    Theme {
        title: "Visiting relatives in care homes",
        summary: "Families told us visiting rules must never again keep them apart from their \
            relatives. They want staff to treat them as part of the care.",
        findings: [
            "Families said staying away for so long caused lasting harm to their relative.",
            "Families wanted one named essential carer for each resident.",
            "Residents said visits from grandchildren lift their mood.",
            "Families wanted to visit at any time of day.",
            "Some families wanted video calls as well as visits.",
        ],
        quotes: [
            "I'm not a visitor. I'm her daughter.",
            "Seeing the children is better than any medicine.",
        ],
        asks: "Families asked for open visiting and a named essential carer for every resident.",
        topics: &["care-homes"],
        areas: &["care_homes"],
        orgs: &[BRIGHTWATER, COUNCIL],
        methods: &["consultation"],
        home: "ashby-vale",
        link: Link::None,
    },
    Theme {
        title: "Services that work for people with sight or hearing loss",
        summary: "People with sight or hearing loss told us many services are hard to use. Phone \
            lines, letters and waiting rooms were the main problems.",
        findings: [
            "Deaf people could not use services that only take phone calls.",
            "Letters did not come in large print or braille, even when people asked.",
            "People with hearing loss missed their name being called in waiting rooms.",
            "Hearing loops were often off or broken.",
            "People wanted staff to ask how they like to communicate.",
        ],
        quotes: [
            "Please just text me.",
            "I asked for large print three times.",
        ],
        asks: "People asked staff to write down their communication needs once and use them every time.",
        topics: &["information-advice"],
        areas: &["information"],
        orgs: &[NHS, COUNCIL],
        methods: &["consultation", "involvement"],
        home: "",
        link: Link::None,
    },
    Theme {
        title: "A short stay in a care home before going home",
        summary: "People who spent a few weeks in a care home after hospital told us about it. \
            Many did not know when they would go home.",
        findings: [
            "Nobody told people how long the stay would be.",
            "Some people lost confidence and moved about less during the stay.",
            "There were fewer visits from therapists than people expected.",
            "Families wanted to be part of the plan for going home.",
            "People who had a clear goal went home sooner.",
        ],
        quotes: [
            "I thought I'd be there for a week. It was two months.",
            "They got me walking again, and then I could go home.",
        ],
        asks: "People asked for a written plan with a date to go home and goals to work on.",
        topics: &["hospital-discharge", "care-homes"],
        areas: &["hospital_discharge", "care_homes"],
        orgs: &[NHS, BRIGHTWATER],
        methods: &["consultation"],
        home: "dunmere",
        link: Link::Project {
            position: 21,
            days: 40,
        },
    },
    Theme {
        title: "Somewhere to go in a mental health crisis",
        summary: "People told us there is nowhere to go in a mental health crisis at night. They \
            want a calm place and someone who understands.",
        findings: [
            "People said the hospital's emergency department is noisy and frightening in a \
             crisis.",
            "Helplines were busy at the times people needed them most.",
            "People wanted to talk to someone who has been through it too.",
            "A quiet room with a cup of tea helped more than people expected.",
            "Carers wanted to know where to take someone late at night.",
        ],
        quotes: [
            "I didn't need a bed. I needed someone to sit with me.",
            "Talking to someone who'd been there was what got me through the night.",
        ],
        asks: "People asked for a calm place that is open in the evenings and at weekends.",
        topics: &["information-advice"],
        areas: &["mental_health"],
        orgs: &[NHS],
        methods: &["co_production", "involvement"],
        home: "greyhaven",
        link: Link::Project {
            position: 19,
            days: 400,
        },
    },
    Theme {
        title: "Finding and keeping a personal assistant",
        summary: "People who employ personal assistants told us good ones are hard to find and \
            to keep. Low pay and long journeys in the countryside were the main reasons.",
        findings: [
            "People advertised for months without finding anyone in the villages.",
            "Personal assistants left for jobs that paid a little more.",
            "People did not know where to find cover for holidays or illness.",
            "A shared list of personal assistants would save people a lot of time.",
            "People wanted training for personal assistants that they did not have to arrange.",
        ],
        quotes: [
            "When she's off sick, I have nobody.",
            "I found my best assistant through a friend, not an advert.",
        ],
        asks: "People asked for a list of personal assistants by area, and help with cover.",
        topics: &["direct-payments", "employment"],
        areas: &["direct_payments", "workforce"],
        orgs: &[COUNCIL],
        methods: &["consultation", "involvement"],
        home: "",
        link: Link::Project {
            position: 14,
            days: 25,
        },
    },
];

/// Surveys each organisation runs, to name as where an insight came from.
pub(super) const SURVEYS: [(&str, &[&str]); 4] = [
    (
        COUNCIL,
        &[
            "Adult social care survey of people who get support",
            "Northshire Council survey of people with a direct payment",
        ],
    ),
    (
        NHS,
        &[
            "Trust's survey of patients leaving hospital",
            "Community health services feedback cards",
        ],
    ),
    (
        BRIGHTWATER,
        &[
            "Brightwater Care yearly survey of the people we support",
            "Brightwater Care survey of families",
        ],
    ),
    (
        CARERS,
        &[
            "Carers Centre annual survey",
            "Carers Centre survey of young carers",
        ],
    ),
];

/// Reports by partners and others, to name as where an insight came from.
pub(super) const REPORTS: [&str; 6] = [
    "Healthwatch Northshire report",
    "Northshire Disability Forum report",
    "Age Concern Northshire report on later life",
    "Healthwatch Northshire report on care at home",
    "Northshire Carers Centre yearly report",
    "Care Quality Commission inspection report",
];

/// Other places people told us things, to name as where an insight came
/// from.
pub(super) const OTHER: [&str; 4] = [
    "Drop-in sessions in libraries and community centres",
    "Comments made to the customer team",
    "Conversations at the county show",
    "Stall at a market day",
];

/// "You said, we did": each points at a theme; `steps` are the statuses
/// it went through, in days after the insight it came from.
pub(super) const SAID: [SaidSeed; 30] = [
    SaidSeed {
        theme: 0,
        statement: "The bus gets us to the day centre after the activities have started.",
        label: "Transport",
        action: "We moved the start of the day at the day centre to 10:30. The bus company added \
            an earlier stop in the villages.",
        owner: "Day services manager, Northshire Council",
        steps: &[("planned", 10), ("in_progress", 40), ("done", 120)],
        reason: "",
        due: 0,
        published: true,
    },
    SaidSeed {
        theme: 1,
        statement: "It is hard to book a break, and we need breaks at short notice.",
        label: "Carers' breaks",
        action: "We are setting up one phone number and one online form to book a break. We will keep some places free for breaks at short notice.",
        owner: "Carers lead, Northshire Council",
        steps: &[("planned", 14), ("in_progress", 45)],
        reason: "",
        due: 60,
        published: true,
    },
    SaidSeed {
        theme: 9,
        statement: "We wait too long on the phone and have to tell our story again and again.",
        label: "First contact",
        action: "We will offer a call back at a time you choose, and keep notes so you only tell \
            your story once.",
        owner: "Head of adult social care front door, Northshire Council",
        steps: &[("planned", 7)],
        reason: "",
        due: 90,
        published: true,
    },
    SaidSeed {
        theme: 15,
        statement: "Letters about paying for care frighten us and are hard to understand.",
        label: "Paying for care",
        action: "We rewrote the letters with people who get them. Every letter now starts with a \
            one-page summary in plain words and a number to call.",
        owner: "Financial assessments team, Northshire Council",
        steps: &[("planned", 20), ("in_progress", 60), ("done", 200)],
        reason: "",
        due: 0,
        published: true,
    },
    SaidSeed {
        theme: 5,
        statement: "Staff tell us we can go home that same morning, and we have no time to plan.",
        label: "Leaving hospital",
        action: "Wards now aim to give at least a day's notice, with a written list of who will \
            visit and when.",
        owner: "Discharge team, Northshire Health and Care NHS Trust",
        steps: &[("planned", 10), ("in_progress", 30)],
        reason: "",
        due: 45,
        published: true,
    },
    SaidSeed {
        theme: 16,
        statement: "Some activities at the day centre feel childish, and we want more trips out.",
        label: "Day services",
        action: "Members now plan the activities each month. There are two trips out every week.",
        owner: "Day services manager, Northshire Council",
        steps: &[("planned", 15), ("in_progress", 50), ("done", 110)],
        reason: "",
        due: 0,
        published: true,
    },
    SaidSeed {
        theme: 7,
        statement: "We want our own front door, close to shops and buses.",
        label: "Housing",
        action: "We asked the housing team to build twenty new flats near the town centre.",
        owner: "Housing and support commissioner, Northshire Council",
        steps: &[("planned", 5), ("not_possible", 25)],
        reason: "The building site we chose failed its flood check, and there is no other site \
            we can pay for this year. We will look again when the council agrees the new housing plan in the spring.",
        due: 0,
        published: true,
    },
    SaidSeed {
        theme: 21,
        statement: "Letters and forms are hardly ever in easy read.",
        label: "Easy read",
        action: "Forum members will check every new leaflet in easy read before it goes to print.",
        owner: "Learning disability team, Northshire Council",
        steps: &[("planned", 14)],
        reason: "",
        due: 45,
        published: true,
    },
    SaidSeed {
        theme: 2,
        statement: "Nobody tells us when a care worker is running late.",
        label: "Care at home",
        action: "The office now phones each person when a visit will be more than half an hour \
            late.",
        owner: "Registered manager, Brightwater Care",
        steps: &[("planned", 10), ("in_progress", 20), ("done", 70)],
        reason: "",
        due: 0,
        published: true,
    },
    SaidSeed {
        theme: 4,
        statement: "The yearly check of how we spend our direct payment is long and hard.",
        label: "Direct payments",
        action: "We cut the yearly check from twelve pages to four, and wrote it with people who \
            have a direct payment.",
        owner: "Direct payments team, Northshire Council",
        steps: &[("planned", 30), ("in_progress", 60), ("done", 150)],
        reason: "",
        due: 0,
        published: true,
    },
    SaidSeed {
        theme: 6,
        statement: "Leaflets in libraries and surgeries are out of date.",
        label: "Information",
        action: "We will check printed guides every six months and hold a drop-in at a library \
            in each town every month.",
        owner: "Information and advice team, Northshire Council",
        steps: &[("planned", 10), ("in_progress", 40)],
        reason: "",
        due: 120,
        published: true,
    },
    SaidSeed {
        theme: 8,
        statement: "We worry that earning money will change our benefits.",
        label: "Work",
        action: "We will pay for a benefits adviser to see each person before they start a job.",
        owner: "Employment support team, Northshire Council",
        steps: &[("planned", 21)],
        reason: "",
        due: 150,
        published: false,
    },
    SaidSeed {
        theme: 10,
        statement: "We hear nothing for months while we wait for mental health care.",
        label: "Waiting times",
        action: "Everyone on the waiting list now gets a call or a text each month. We also send a list of groups they can go to while they wait.",
        owner: "Community mental health team, Northshire Health and Care NHS Trust",
        steps: &[("planned", 14), ("in_progress", 60)],
        reason: "",
        due: 30,
        published: true,
    },
    SaidSeed {
        theme: 11,
        statement: "The afternoons in the care home are long, with little to do.",
        label: "Care homes",
        action: "The home has taken on someone to run things to do in the afternoons.",
        owner: "Quality team, Northshire Council",
        steps: &[("planned", 7), ("in_progress", 14), ("done", 25)],
        reason: "",
        due: 0,
        published: true,
    },
    SaidSeed {
        theme: 12,
        statement: "Our teachers do not know we are young carers.",
        label: "Young carers",
        action: "We are training a named person in every secondary school in Northshire.",
        owner: "Young carers team, Northshire Carers Centre",
        steps: &[("planned", 20), ("in_progress", 70)],
        reason: "",
        due: 100,
        published: true,
    },
    SaidSeed {
        theme: 13,
        statement: "Night visits at set times wake us up.",
        label: "Help at night",
        action: "We are trying a later evening visit and an alarm that reaches a person, instead \
            of set night visits.",
        owner: "Night service manager, Brightwater Care",
        steps: &[("planned", 10), ("in_progress", 30)],
        reason: "",
        due: 60,
        published: false,
    },
    SaidSeed {
        theme: 14,
        statement: "Nobody explains top-up fees when we choose a care home.",
        label: "Care home costs",
        action: "We wrote a plain guide to care home costs with families who have been through it.",
        owner: "Information and advice team, Northshire Council",
        steps: &[("planned", 15), ("in_progress", 40), ("done", 130)],
        reason: "",
        due: 0,
        published: true,
    },
    SaidSeed {
        theme: 17,
        statement: "Care visits are too short to cook a proper meal.",
        label: "Meals",
        action: "We asked the council for longer visits at lunchtime.",
        owner: "Registered manager, Brightwater Care",
        steps: &[("planned", 10), ("not_possible", 60)],
        reason: "The council's contract pays for lunchtime visits of half an hour, and it cannot \
            change until the council renews the contract. We now tell people about lunch clubs near them \
            and help them get there.",
        due: 0,
        published: true,
    },
    SaidSeed {
        theme: 18,
        statement: "We do not know about grants for insulation and boilers.",
        label: "Warm homes",
        action: "Our warm homes advisers now visit people at home to help them apply.",
        owner: "Warm homes team, Northshire Council",
        steps: &[("planned", 10), ("in_progress", 30), ("done", 90)],
        reason: "",
        due: 0,
        published: true,
    },
    SaidSeed {
        theme: 19,
        statement: "Nobody tells us when the rota changes.",
        label: "Care at home",
        action: "Families can now see the rota a week ahead, by phone or online.",
        owner: "Registered manager, Brightwater Care",
        steps: &[("planned", 5), ("in_progress", 12)],
        reason: "",
        due: 30,
        published: true,
    },
    SaidSeed {
        theme: 20,
        statement: "There are no buses to the villages in the evenings or at weekends.",
        label: "Transport",
        action: "We asked the bus company to run a Sunday bus to the villages.",
        owner: "Community development worker, Northshire Carers Centre",
        steps: &[("planned", 15), ("not_possible", 75)],
        reason: "The bus company said too few people would use a Sunday bus to pay for it. We \
            gave money to the community car scheme instead, so volunteer drivers now run on \
            Sundays.",
        due: 0,
        published: true,
    },
    SaidSeed {
        theme: 22,
        statement: "We want to help train new care workers.",
        label: "Training",
        action: "People we support now lead a session in every first week for new staff, and we \
            pay them for their time.",
        owner: "Training manager, Brightwater Care",
        steps: &[("planned", 20), ("in_progress", 60), ("done", 120)],
        reason: "",
        due: 0,
        published: true,
    },
    SaidSeed {
        theme: 23,
        statement: "Advice for carers is only open in office hours.",
        label: "Working carers",
        action: "We opened a Saturday drop-in and a phone line on Wednesday evenings.",
        owner: "Carers support manager, Northshire Carers Centre",
        steps: &[("planned", 10), ("in_progress", 30), ("done", 60)],
        reason: "",
        due: 0,
        published: true,
    },
    SaidSeed {
        theme: 24,
        statement: "We wait weeks for simple things like grab rails.",
        label: "Equipment",
        action: "Our team will fit small items like rails and shower seats within seven days.",
        owner: "Occupational therapy team, Northshire Council",
        steps: &[("planned", 10), ("in_progress", 45)],
        reason: "",
        due: 75,
        published: true,
    },
    SaidSeed {
        theme: 25,
        statement: "We want to visit our relatives at any time of day.",
        label: "Visiting",
        action: "Every Brightwater care home now has open visiting and a named essential carer \
            for each resident.",
        owner: "Operations director, Brightwater Care",
        steps: &[("planned", 5), ("done", 40)],
        reason: "",
        due: 0,
        published: true,
    },
    SaidSeed {
        theme: 26,
        statement: "We have to ask for large print again and again.",
        label: "Communication needs",
        action: "We are changing our records so that each person's communication needs show on \
            every letter we send.",
        owner: "Patient records team, Northshire Health and Care NHS Trust",
        steps: &[("planned", 30)],
        reason: "",
        due: 180,
        published: true,
    },
    SaidSeed {
        theme: 27,
        statement: "In a short stay we do not know when we will go home.",
        label: "Short stays",
        action: "Each person now gets a written plan with a date to go home within two days of \
            arriving.",
        owner: "Intermediate care team, Northshire Health and Care NHS Trust",
        steps: &[("planned", 7), ("in_progress", 20)],
        reason: "",
        due: 40,
        published: true,
    },
    SaidSeed {
        theme: 28,
        statement: "There is nowhere calm to go at night in a crisis.",
        label: "Crisis support",
        action: "The crisis café in Greyhaven is now open on Friday and Saturday evenings.",
        owner: "Crisis team, Northshire Health and Care NHS Trust",
        steps: &[("planned", 20), ("in_progress", 90), ("done", 200)],
        reason: "",
        due: 0,
        published: true,
    },
    SaidSeed {
        theme: 29,
        statement: "It is hard to find a personal assistant in the countryside.",
        label: "Personal assistants",
        action: "We are setting up a list of personal assistants, sorted by area.",
        owner: "Direct payments team, Northshire Council",
        steps: &[("planned", 5)],
        reason: "",
        due: 120,
        published: true,
    },
    SaidSeed {
        theme: 3,
        statement: "We are woken early because of staff shift times.",
        label: "Daily routines",
        action: "Residents now choose when they get up. Staff write it on each person's one-page \
            profile.",
        owner: "Registered manager, Brightwater Care",
        steps: &[("planned", 10), ("in_progress", 30), ("done", 80)],
        reason: "",
        due: 0,
        published: true,
    },
];

/// "Has this already been asked?" checks on demo projects.
pub(super) const CHECKS: [CheckSeed; 3] = [
    CheckSeed {
        position: 31,
        org: CARERS,
        decision: "join_up",
        note: "The council asked carers about breaks last year. We spoke to the council's carers \
            lead and will add our questions to their next survey instead of running our own.",
        topics: &["carers-support"],
        shown: 6,
        days: 25,
    },
    CheckSeed {
        position: 18,
        org: NHS,
        decision: "reuse",
        note: "Our own focus group on leaving hospital already answers most of our questions. \
            We will use what people told us there and only ask about the first week at home.",
        topics: &["hospital-discharge"],
        shown: 4,
        days: 40,
    },
    CheckSeed {
        position: 3,
        org: COUNCIL,
        decision: "go_ahead",
        note: "",
        topics: &["day-opportunities", "transport"],
        shown: 2,
        days: 685,
    },
];
