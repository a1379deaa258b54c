//! The demo's projects and decision log, as staff of the four
//! organisations would have written them. Everything here is fictional.
//!
//! Days count back from today: `created: 400` is 400 days ago, and a
//! negative number is a day still to come.

use super::{AgreementSeed, ClosingSeed, DecisionSeed, Earlier, Fit, Ladder, Seed, WhyNot};

/// The council, whose register the people on council projects come from.
pub(super) const COUNCIL_SLUG: &str = "northshire-council";
const COUNCIL: &str = COUNCIL_SLUG;
const NHS: &str = "northshire-nhs";
const BRIGHTWATER: &str = "brightwater-care";
const CARERS: &str = "northshire-carers";

/// A stage where people do not take part.
const NO: (&str, &str) = ("no", "");

pub(super) static PROJECTS: [Seed; 32] = [
    // Northshire Council.
    Seed {
        org: COUNCIL,
        title: "Our five-year plan for adult social care",
        summary: "We are writing the council's plan for adult social care for the next five years. \
            People who draw on care and unpaid carers are writing it with us as equals. \
            They helped choose the questions, run the events and write each chapter. \
            The plan goes to Cabinet only when the whole group agrees with it. \
            We pay everyone for their time and travel.",
        area: "strategy",
        level: "strategic",
        methods: &["co_production", "community_engagement", "involvement"],
        created: 420,
        starts: 400,
        ends: -420,
        budget: "18000",
        ladder: Ladder {
            rung: "co_production",
            reason: "People who draw on care share every big decision, from the first questions \
                to the final words. The group chose the five themes of the plan. Cabinet agreed \
                not to change the plan without coming back to the group first.",
            why_not: None,
        },
        earlier: None,
        fit: Some(Fit {
            power: "yes",
            time: "partly",
            money: "yes",
            access: "partly",
            notes: "Time is tight because the old plan runs out next spring. Some venues are a \
                long walk from a bus stop, so every event also has an online and a phone option.",
        }),
        stages: Some([
            (
                "yes",
                "Members of the People's Voice Board chose to start the plan again from a blank \
                 page rather than patch the old one.",
            ),
            (
                "yes",
                "Twelve people who draw on care and four officers write each chapter together \
                 in monthly sessions.",
            ),
            (
                "yes",
                "Group members run listening events in every town, with staff there to take \
                 notes and look after the room.",
            ),
            (
                "yes",
                "The group will check progress every year and publish a short report in its \
                 own words.",
            ),
        ]),
        groups: "Northshire People's Voice Board; Carers' Forum; Learning Disability \
            Partnership Board",
        agreements: &[
            AgreementSeed {
                how: "We meet once a month, one month in the day and the next in the early \
                    evening. Papers go out a week before, in large print or easy read for anyone \
                    who asks. Every voice counts the same. We make decisions together, and when \
                    we cannot agree we write down both views.",
                success: "People who draw on care read the plan and see themselves in it. Every \
                    town has had a listening event. The group is still meeting a year from now.",
                agreed_by: "The five-year plan group",
                on: 398,
            },
            AgreementSeed {
                how: "We meet once a month, one month in the day and the next in the early \
                    evening. Papers go out a week before, in large print or easy read for anyone \
                    who asks. Every voice counts the same. We now also pay for a personal \
                    assistant or carer to come with any member who needs one. We stop for a \
                    break every 45 minutes.",
                success: "People who draw on care read the plan and see themselves in it. Every \
                    town has had a listening event. At least a third of the people at each \
                    event have never taken part in council work before.",
                agreed_by: "The five-year plan group, after its six-month check-in",
                on: 240,
            },
        ],
        members: &["co_chair", "member", "member", "member", "adviser"],
        status: "active",
        closing: None,
        published: true,
    },
    Seed {
        org: COUNCIL,
        title: "Fee rates for care at home",
        summary: "Each year the council sets how much it pays agencies for care at home. \
            This year we asked people who get care at home, their families and the agencies \
            what they think. We will publish what people told us and what we changed because \
            of it.",
        area: "home_care",
        level: "strategic",
        methods: &["consultation", "stakeholder_engagement"],
        created: 200,
        starts: 190,
        ends: -60,
        budget: "",
        ladder: Ladder {
            rung: "consultation",
            reason: "We can ask for people's views on the rates, but the timetable leaves no \
                room to make the decision together.",
            why_not: Some(WhyNot {
                category: "too_little_time",
                explanation: "The council must agree next year's rates at its budget meeting \
                    in February. The national figures we need only arrive at the end of \
                    December. That leaves about six weeks, which is not enough to work with \
                    people properly.",
                decided_by: "Director of Adult Social Care",
                instead: "People who get care at home will co-design the standards we expect \
                    agencies to meet. That work starts in April, once we have set the rates.",
            }),
        },
        earlier: None,
        fit: Some(Fit {
            power: "partly",
            time: "no",
            money: "yes",
            access: "yes",
            notes: "Agencies hold most of the figures on their costs, and they will not share \
                all of them in public.",
        }),
        stages: Some([
            NO,
            NO,
            (
                "yes",
                "People could answer a short survey online, by phone or on paper, or come to \
                 one of three drop-in sessions.",
            ),
            (
                "yes",
                "Everyone who took part gets a summary of what we heard and what changed.",
            ),
        ]),
        groups: "Home Care Users' Panel; Northshire Care Providers Association",
        agreements: &[],
        members: &["member", "adviser"],
        status: "active",
        closing: None,
        published: true,
    },
    Seed {
        org: COUNCIL,
        title: "Day centres in Brindlemoor and Dunmere",
        summary: "The day centres in Brindlemoor and Dunmere were half empty. \
            We worked with the people who go there, and their families, to design what \
            should happen next. They chose to keep both buildings open and add trips, clubs \
            and evening sessions. The council then made the changes they asked for.",
        area: "day_opportunities",
        level: "service_design",
        methods: &["involvement", "participation", "consultation"],
        created: 690,
        starts: 680,
        ends: 420,
        budget: "6500",
        ladder: Ladder {
            rung: "co_design",
            reason: "People who use the centres will design the new service, and the council \
                has promised to follow their design. Staff will run the changes, so this is \
                co-design rather than co-production.",
            why_not: None,
        },
        earlier: None,
        fit: Some(Fit {
            power: "yes",
            time: "yes",
            money: "yes",
            access: "partly",
            notes: "Some people at the centres communicate without words. Speech and language \
                therapists are helping us plan the sessions.",
        }),
        stages: Some([
            NO,
            (
                "yes",
                "Eight design sessions at each centre, using pictures, objects and taster days \
                 so that everyone could show what they liked.",
            ),
            NO,
            (
                "yes",
                "People who use the centres will try the new sessions after six months and \
                 tell us what works.",
            ),
        ]),
        groups: "Brindlemoor Centre members' group; Dunmere Centre members' group; Family \
            carers' group",
        agreements: &[AgreementSeed {
            how: "We meet at the centres during the normal day, so nobody has to travel. Staff \
                who know people well come along to help. We use pictures and real objects as \
                well as words, and we stop when people have had enough.",
            success: "People who use the centres choose the new timetable. More people come to \
                both centres within a year.",
            agreed_by: "Members' groups at both centres",
            on: 676,
        }],
        members: &["co_chair", "member", "member"],
        status: "closed",
        closing: Some(ClosingSeed {
            achieved: "co_design",
            reflection: "We reached co-design, as we planned. The people who use the centres \
                chose the new timetable, and Cabinet agreed it without changes. We did not \
                involve people in running the new sessions. Next time we would plan and pay \
                for that from the start. Numbers at Dunmere went up by a third.",
            on: 400,
        }),
        published: true,
    },
    Seed {
        org: COUNCIL,
        title: "Clearer letters about paying for care",
        summary: "People told us our letters about paying for care were confusing and \
            frightening. A group of people who pay towards their care rewrote every letter \
            with our finance team. They tested the new letters on friends and neighbours. \
            The new letters went out last spring.",
        area: "information",
        level: "service_design",
        methods: &["co_production", "involvement"],
        created: 610,
        starts: 600,
        ends: 380,
        budget: "4200",
        ladder: Ladder {
            rung: "co_production",
            reason: "People who get the letters choose what to change, write the new wording \
                with staff, test it and check the results.",
            why_not: None,
        },
        earlier: None,
        fit: Some(Fit {
            power: "yes",
            time: "yes",
            money: "yes",
            access: "yes",
            notes: "A small job with a clear end. It suits people who want to give a few \
                months rather than years.",
        }),
        stages: Some([
            (
                "yes",
                "The idea came from complaints and from the Carers' Forum, who asked us to \
                 change the letters.",
            ),
            (
                "yes",
                "The group rewrote each letter line by line with two finance officers.",
            ),
            (
                "yes",
                "Group members tested the new letters with 40 people and explained to the \
                 finance team why each change mattered.",
            ),
            (
                "yes",
                "Six months on, the group looked at complaints and calls about the letters.",
            ),
        ]),
        groups: "Carers' Forum; Disabled People's Network",
        agreements: &[AgreementSeed {
            how: "Sessions last two hours with a break. We read letters aloud so nobody has to \
                read alone. Finance staff explain the rules, and the group chooses the words.",
            success: "Fewer people phone the council to ask what a letter means. People say \
                the letters are clear and kind.",
            agreed_by: "The letters group and the finance team",
            on: 598,
        }],
        members: &["co_chair", "member", "member", "member"],
        status: "closed",
        closing: Some(ClosingSeed {
            achieved: "co_production",
            reflection: "We did what we set out to do. Calls asking what a letter means fell by \
                more than half in six months. The group chose every word, and the finance team \
                now asks them before any new letter goes out. A clear, small task helped people \
                stay with it to the end.",
            on: 360,
        }),
        published: true,
    },
    Seed {
        org: COUNCIL,
        title: "New contract for care at home",
        summary: "Our contracts with care at home agencies end next year. \
            We are writing a new contract and will then choose the agencies. \
            People who get care at home will write the questions about quality and kindness. \
            They will also visit agencies with us once the new contract starts.",
        area: "home_care",
        level: "strategic",
        methods: &[
            "community_engagement",
            "involvement",
            "stakeholder_engagement",
        ],
        created: 150,
        starts: -30,
        ends: -400,
        budget: "3000",
        ladder: Ladder {
            rung: "engagement",
            reason: "People who get care at home will shape the questions on quality and tell \
                us what matters most. Legal advice means they cannot score bids or choose the \
                agencies.",
            why_not: Some(WhyNot {
                category: "legal_deadline",
                explanation: "The current contracts end in 18 months, and the law on public \
                    contracts sets strict rules and a fixed timetable. The council's lawyers \
                    advised that only trained officers may score bids. So people cannot share \
                    the final choice.",
                decided_by: "Head of Care Contracts, on advice from the council's lawyers",
                instead: "People who get care at home will co-design the quality standards in \
                    the contract. Two experts by experience will join officers on visits to \
                    agencies in the first year.",
            }),
        },
        earlier: Some(Earlier {
            ladder: Ladder {
                rung: "co_design",
                reason: "We hoped people who get care at home would design the new contract \
                    with us and help choose the agencies.",
                why_not: None,
            },
            changed: 120,
        }),
        fit: Some(Fit {
            power: "partly",
            time: "partly",
            money: "yes",
            access: "yes",
            notes: "The rules limit who can score bids. People can still change what we ask \
                agencies to do.",
        }),
        stages: Some([
            NO,
            (
                "yes",
                "A panel of people who get care at home will write the questions about quality \
                 and kindness.",
            ),
            NO,
            (
                "yes",
                "Panel members will join visits to agencies in the first year of the contract.",
            ),
        ]),
        groups: "Home Care Users' Panel",
        agreements: &[],
        members: &["member", "member", "adviser"],
        status: "planning",
        closing: None,
        published: true,
    },
    Seed {
        org: COUNCIL,
        title: "Moving residents after Elm Lodge closed",
        summary: "Elm Lodge care home in Greyhaven closed suddenly to keep its residents safe. \
            Our social workers helped 23 residents move to new homes within two weeks. \
            We met each family, talked through the choices and wrote down what each person \
            wanted. Families are now helping us write a guide for any future closure.",
        area: "care_homes",
        level: "individual",
        methods: &["information"],
        created: 540,
        starts: 540,
        ends: 510,
        budget: "",
        ladder: Ladder {
            rung: "coercion",
            reason: "Residents had to move quickly to stay safe. At first we could only tell \
                people where they were going, not ask them.",
            why_not: Some(WhyNot {
                category: "safeguarding",
                explanation: "Elm Lodge closed at a few days' notice after the Care Quality \
                    Commission found serious risks to residents. The council had to find new \
                    homes for 23 people straight away. There was no time to plan the moves \
                    with residents and families.",
                decided_by: "Director of Adult Social Care, with the Care Quality Commission",
                instead: "Residents and families who moved are co-producing a guide to what \
                    should happen if a care home closes in future.",
            }),
        },
        earlier: None,
        fit: Some(Fit {
            power: "no",
            time: "no",
            money: "partly",
            access: "partly",
            notes: "The first moves had to happen within days. We looked at this again after \
                the first week.",
        }),
        stages: Some([
            NO,
            NO,
            (
                "yes",
                "Each resident had a named social worker and, where there was time, a visit to \
                 their new home before moving.",
            ),
            (
                "yes",
                "Families told us what went well and what went badly at a listening session \
                 three months later.",
            ),
        ]),
        groups: "Elm Lodge residents and families",
        agreements: &[],
        members: &["adviser", "adviser"],
        status: "closed",
        closing: Some(ClosingSeed {
            achieved: "informing",
            reflection: "We planned only to move people safely, and we managed a little more. \
                Every family met a social worker before the move and got the reasons and \
                choices in writing. Some residents chose between two homes. That is informing, \
                two rungs higher than we expected. Families said the first week still felt \
                rushed.",
            on: 480,
        }),
        published: true,
    },
    Seed {
        org: COUNCIL,
        title: "Help with managing direct payments",
        summary: "A direct payment is money from the council that you use to arrange your own \
            care. Many people find the paperwork hard. We are building a new help service \
            with people who have direct payments. Some of them now work as paid peer \
            advisers, helping others by phone and in person.",
        area: "direct_payments",
        level: "service_design",
        methods: &["co_production", "involvement", "participation"],
        created: 480,
        starts: 460,
        ends: -180,
        budget: "9000",
        ladder: Ladder {
            rung: "co_production",
            reason: "People with direct payments now design and run the service with us. Two \
                peer advisers with direct payments of their own answer calls every week, and \
                the group shares decisions on the budget.",
            why_not: None,
        },
        earlier: Some(Earlier {
            ladder: Ladder {
                rung: "co_design",
                reason: "People with direct payments will design the new help service. Council \
                    staff will then run it.",
                why_not: None,
            },
            changed: 300,
        }),
        fit: Some(Fit {
            power: "yes",
            time: "yes",
            money: "yes",
            access: "partly",
            notes: "Many people with direct payments employ their own staff, so meetings have \
                to fit around care rotas.",
        }),
        stages: Some([
            (
                "yes",
                "The idea came from a survey that people with direct payments wrote and sent \
                 out themselves.",
            ),
            (
                "yes",
                "Nine people with direct payments designed the service with two members of \
                 council staff.",
            ),
            (
                "yes",
                "Peer advisers with their own direct payments answer calls and run a monthly \
                 drop-in.",
            ),
            (
                "yes",
                "Every three months the group reads the call notes and decides what to change.",
            ),
        ]),
        groups: "Direct Payments Users' Group; Disabled People's Network",
        agreements: &[
            AgreementSeed {
                how: "We meet online every other week and in person every three months. \
                    We pay everyone for meetings and for time spent reading papers.",
                success: "More people keep their direct payment past the first year.",
                agreed_by: "Direct Payments Users' Group",
                on: 455,
            },
            AgreementSeed {
                how: "We meet online every other week and in person every three months. \
                    We pay everyone for meetings and for time spent reading papers. Peer \
                    advisers work as paid staff, and someone who also has a direct payment gives \
                    them supervision. The group agrees the budget with the council every year.",
                success: "More people keep their direct payment past the first year. People \
                    who call say they spoke to someone who understood.",
                agreed_by: "Direct Payments Users' Group and the council's direct payments team",
                on: 295,
            },
        ],
        members: &["co_chair", "member", "member", "adviser"],
        status: "active",
        closing: None,
        published: true,
    },
    Seed {
        org: COUNCIL,
        title: "Homes for people with a learning disability",
        summary: "Too many people with a learning disability live far from Northshire, or in \
            places they did not choose. We want to plan the homes the county needs for the \
            next ten years. People with a learning disability and their families will help \
            design the plan. We will share an easy read version at every step.",
        area: "housing",
        level: "strategic",
        methods: &["involvement", "consultation"],
        created: 45,
        starts: -20,
        ends: -300,
        budget: "5000",
        ladder: Ladder {
            rung: "co_design",
            reason: "People with a learning disability and their families will design the plan \
                with us. The council's housing team will then carry it out.",
            why_not: None,
        },
        earlier: None,
        fit: Some(Fit {
            power: "yes",
            time: "partly",
            money: "yes",
            access: "partly",
            notes: "We still need to agree with housing associations how much they can change.",
        }),
        stages: None,
        groups: "",
        agreements: &[],
        members: &["adviser", "adviser"],
        status: "planning",
        closing: None,
        published: false,
    },
    Seed {
        org: COUNCIL,
        title: "Supported living for autistic adults",
        summary: "We are planning two new supported living homes in Ashby Vale for autistic \
            adults. Autistic people are leading the design with us, from the layout of the \
            rooms to how staff work. They will also help interview staff and check the homes \
            once people move in.",
        area: "learning_disability",
        level: "service_design",
        methods: &["co_production", "involvement"],
        created: 330,
        starts: 300,
        ends: -360,
        budget: "12000",
        ladder: Ladder {
            rung: "co_production",
            reason: "Autistic people share the decisions at every stage, from the building \
                plans to interviewing staff and checking the service.",
            why_not: None,
        },
        earlier: None,
        fit: Some(Fit {
            power: "yes",
            time: "yes",
            money: "yes",
            access: "yes",
            notes: "Before we started we agreed quiet rooms, written agendas and no surprise \
                phone calls.",
        }),
        stages: Some([
            (
                "yes",
                "The Autism Partnership Board asked for homes designed around people's senses.",
            ),
            (
                "yes",
                "Autistic adults and the architects drew up the layout together over six \
                 workshops.",
            ),
            (
                "yes",
                "Panel members will interview staff and check that the homes match the design.",
            ),
            (
                "yes",
                "Tenants and the panel will look at how the homes are working after one year.",
            ),
        ]),
        groups: "Autism Partnership Board; Northshire Autistic Adults Group",
        agreements: &[AgreementSeed {
            how: "Agendas go out in writing a week ahead. Meetings have quiet breaks and no \
                sudden changes. Anyone can take part by typing in the chat instead of speaking.",
            success: "The homes feel calm and safe to the people who live there. Tenants stay \
                because they want to.",
            agreed_by: "Supported living design panel",
            on: 296,
        }],
        members: &["co_chair", "member", "member", "member", "adviser"],
        status: "active",
        closing: None,
        published: true,
    },
    Seed {
        org: COUNCIL,
        title: "An assessment form in plain words",
        summary: "When you ask the council for care, a social worker fills in a long form with \
            you. People tell us the form feels cold and full of jargon. People who have had an \
            assessment will help us design a new one. We want a form that starts with what \
            matters to you.",
        area: "information",
        level: "individual",
        methods: &["involvement", "consultation"],
        created: 60,
        starts: -10,
        ends: -200,
        budget: "2500",
        ladder: Ladder {
            rung: "co_design",
            reason: "People who have had an assessment will design the new form with social \
                workers. The council's systems team will then build it.",
            why_not: None,
        },
        earlier: None,
        fit: Some(Fit {
            power: "yes",
            time: "partly",
            money: "yes",
            access: "yes",
            notes: "The form must still cover the questions that national rules set, so we cannot \
                change some of the wording.",
        }),
        stages: Some([
            (
                "yes",
                "The idea came from complaints, and from social workers who also find the form \
                 hard.",
            ),
            (
                "yes",
                "Four design sessions with people who have had an assessment and social \
                 workers.",
            ),
            NO,
            (
                "yes",
                "After three months the group will read 20 finished forms and say what still \
                 needs work.",
            ),
        ]),
        groups: "Northshire People's Voice Board",
        agreements: &[AgreementSeed {
            how: "Four sessions of two hours at Castleford North library. Social workers come \
                to listen and answer questions, not to lead.",
            success: "People say the new form sounds like a conversation, not a test.",
            agreed_by: "Assessment form design group",
            on: 40,
        }],
        members: &["member", "member"],
        status: "planning",
        closing: None,
        published: true,
    },
    Seed {
        org: COUNCIL,
        title: "Savings in next year's budget",
        summary: "The council had to save £4 million from adult social care. We asked people \
            which savings would hurt least and which would hurt most. Over 900 people replied. \
            Their answers changed two of the savings before councillors voted on the budget.",
        area: "strategy",
        level: "strategic",
        methods: &["consultation", "information", "community_engagement"],
        created: 560,
        starts: 555,
        ends: 470,
        budget: "",
        ladder: Ladder {
            rung: "consultation",
            reason: "People gave their views on savings that officers put forward. Councillors \
                made the final decision.",
            why_not: Some(WhyNot {
                category: "legal_deadline",
                explanation: "The law says the council must set a balanced budget by 11 March \
                    each year. The total to save came from the council's overall budget, which \
                    councillors set before this work began.",
                decided_by: "Full Council",
                instead: "A panel of people who draw on care co-designed how we check the \
                    effect of each saving during the year.",
            }),
        },
        earlier: None,
        fit: Some(Fit {
            power: "partly",
            time: "no",
            money: "partly",
            access: "yes",
            notes: "We told people honestly that they could change some details but not the \
                total.",
        }),
        stages: Some([
            NO,
            NO,
            (
                "yes",
                "People answered online, on paper, by phone or at 12 meetings across the county.",
            ),
            (
                "yes",
                "We published what people said and what changed. The panel checks the effect of \
                 each saving.",
            ),
        ]),
        groups: "Northshire People's Voice Board; Carers' Forum; Older People's Forum",
        agreements: &[],
        members: &["member", "member", "adviser"],
        status: "closed",
        closing: Some(ClosingSeed {
            achieved: "consultation",
            reflection: "This was consultation, as we said it would be. People's answers \
                changed two savings: we kept free transport to day centres and slowed down the \
                change to meal charges. People said they felt heard but not part of the \
                decision, which is fair. The panel checking the effects has worked well.",
            on: 450,
        }),
        published: true,
    },
    Seed {
        org: COUNCIL,
        title: "The yearly national survey of people who get care",
        summary: "Every year the government asks councils to survey people who get care and \
            support. We send the survey to about 1,200 people in Northshire. This year members \
            of our Voice Board are helping us make sense of the results. They will also choose \
            what we do about them.",
        area: "strategy",
        level: "strategic",
        methods: &["consultation", "information"],
        created: 100,
        starts: 90,
        ends: -30,
        budget: "",
        ladder: Ladder {
            rung: "consultation",
            reason: "The questions and who gets the survey are fixed by the government. Here in \
                Northshire, people can shape how we share the results and what we do next.",
            why_not: Some(WhyNot {
                category: "decided_elsewhere",
                explanation: "The government writes the questions and the rules on who gets the \
                    survey. Councils cannot change them.",
                decided_by: "Department of Health and Social Care",
                instead: "Voice Board members will co-produce the plan of action that follows \
                    the results.",
            }),
        },
        earlier: None,
        fit: Some(Fit {
            power: "no",
            time: "partly",
            money: "yes",
            access: "partly",
            notes: "We can only change what happens after the survey.",
        }),
        stages: Some([
            NO,
            NO,
            (
                "yes",
                "Voice Board members wrote a friendly covering letter and offered help by phone \
                 to anyone who wanted it.",
            ),
            (
                "yes",
                "Voice Board members will go through the results with us and pick three things \
                 to act on.",
            ),
        ]),
        groups: "Northshire People's Voice Board",
        agreements: &[],
        members: &["member", "member"],
        status: "active",
        closing: None,
        published: true,
    },
    Seed {
        org: COUNCIL,
        title: "New charges for home alarms",
        summary: "The council is changing what people pay for alarms and sensors that call for \
            help at home. Most people will pay £4.50 a week. We are writing to everyone who has \
            an alarm, and we will phone anyone who may struggle to pay. Nobody will lose their \
            alarm because they cannot pay.",
        area: "home_care",
        level: "service_design",
        methods: &["information"],
        created: 260,
        starts: 240,
        ends: -60,
        budget: "",
        ladder: Ladder {
            rung: "informing",
            reason: "Cabinet has made the decision on charges. Our job now is to explain it clearly and \
                help anyone who is worried.",
            why_not: Some(WhyNot {
                category: "decided_elsewhere",
                explanation: "Cabinet agreed the new charge as part of the council's budget. \
                    The budget consultation asked about it, but Cabinet has now made the \
                    decision.",
                decided_by: "Cabinet",
                instead: "People who use alarms co-designed the letter and the script for phone \
                    calls. They will also look at how the change affects people.",
            }),
        },
        earlier: None,
        fit: Some(Fit {
            power: "no",
            time: "partly",
            money: "yes",
            access: "yes",
            notes: "",
        }),
        stages: Some([
            NO,
            (
                "yes",
                "Three people who use alarms rewrote our letter and the script for phone calls.",
            ),
            NO,
            (
                "yes",
                "The same three people will look at calls and complaints after three months.",
            ),
        ]),
        groups: "Older People's Forum",
        agreements: &[],
        members: &["adviser", "adviser", "adviser"],
        status: "active",
        closing: None,
        published: true,
    },
    Seed {
        org: COUNCIL,
        title: "A list of personal assistants",
        summary: "People with direct payments often find it hard to hire a personal assistant. \
            We want to start a list of personal assistants who are looking for work. People who \
            employ personal assistants will tell us what the list should show and how it \
            should work.",
        area: "direct_payments",
        level: "service_design",
        methods: &["involvement", "stakeholder_engagement"],
        created: 35,
        starts: -30,
        ends: -240,
        budget: "1500",
        ladder: Ladder {
            rung: "engagement",
            reason: "People who employ personal assistants will shape the sign-up page and the \
                guide. The council will decide how the list runs.",
            why_not: Some(WhyNot {
                category: "no_budget",
                explanation: "There is no money this year to pay people for the number of \
                    meetings that co-design would need. We will ask for funding again next \
                    year.",
                decided_by: "Assistant Director of Adult Social Care",
                instead: "People who employ personal assistants will co-design the guide for \
                    new employers.",
            }),
        },
        earlier: None,
        fit: Some(Fit {
            power: "partly",
            time: "yes",
            money: "no",
            access: "yes",
            notes: "We can only pay a small group this year.",
        }),
        stages: None,
        groups: "",
        agreements: &[],
        members: &["member", "member"],
        status: "planning",
        closing: None,
        published: false,
    },
    Seed {
        org: COUNCIL,
        title: "Money and care workshops",
        summary: "These free workshops explain how paying for care works. We cover what the \
            council pays, what you might pay and how we work it out. You can ask questions in a \
            small group. Sessions run in libraries across Northshire and online.",
        area: "information",
        level: "individual",
        methods: &["information", "participation"],
        created: 300,
        starts: 280,
        ends: -90,
        budget: "",
        ladder: Ladder {
            rung: "educating",
            reason: "The workshops help people understand rules that nobody in the room can \
                change.",
            why_not: Some(WhyNot {
                category: "other",
                explanation: "The rules on paying for care come from national law. There is \
                    nothing for us to design in the rules themselves.",
                decided_by: "Head of Financial Assessments",
                instead: "People who came to the workshops are co-designing the next set of \
                    sessions and the handouts.",
            }),
        },
        earlier: None,
        fit: Some(Fit {
            power: "no",
            time: "yes",
            money: "partly",
            access: "yes",
            notes: "Co-production fits the way we run the workshops, not the rules they \
                explain.",
        }),
        stages: Some([
            NO,
            (
                "yes",
                "People who came to the first sessions rewrote the slides and handouts with us.",
            ),
            (
                "yes",
                "Two people who pay for their own care now help to run the sessions.",
            ),
            (
                "yes",
                "Everyone fills in a short card at the end, and the planning group reads them.",
            ),
        ]),
        groups: "Carers' Forum; Older People's Forum",
        agreements: &[],
        members: &["adviser", "member"],
        status: "active",
        closing: None,
        published: true,
    },
    Seed {
        org: COUNCIL,
        title: "Co-production training for council staff",
        summary: "All adult social care staff at the council will take a one-day course on \
            working with people as equals. People who draw on care wrote the course with our \
            training team. They also run every session alongside a trainer. So far 140 staff \
            have taken the course.",
        area: "workforce",
        level: "service_design",
        methods: &["co_production", "involvement"],
        created: 380,
        starts: 360,
        ends: -300,
        budget: "15000",
        ladder: Ladder {
            rung: "co_production",
            reason: "Trainers with their own experience of care wrote the course and run it as \
                equal partners. They also decide what changes each term.",
            why_not: None,
        },
        earlier: None,
        fit: Some(Fit {
            power: "yes",
            time: "yes",
            money: "yes",
            access: "yes",
            notes: "",
        }),
        stages: Some([
            (
                "yes",
                "The Voice Board asked for the course after a survey showed that many staff \
                 did not know what co-production means.",
            ),
            (
                "yes",
                "Four people who draw on care and two trainers wrote the course over three \
                 months.",
            ),
            (
                "yes",
                "Every session has one paid trainer with lived experience and one staff \
                 trainer.",
            ),
            (
                "yes",
                "The trainers read the comments on the course every term and agree changes \
                 together.",
            ),
        ]),
        groups: "Northshire People's Voice Board; Learning and Development Team",
        agreements: &[AgreementSeed {
            how: "Trainers with lived experience get the same day rate as staff trainers. \
                We plan each term together, and either trainer can stop a session if it is \
                not going well.",
            success: "Staff leave the course knowing how to share power, and they use it. \
                Within a year, every team has one piece of work at co-design or above.",
            agreed_by: "Co-production training team",
            on: 358,
        }],
        members: &["co_chair", "member", "member"],
        status: "active",
        closing: None,
        published: true,
    },
    Seed {
        org: COUNCIL,
        title: "A new plan for unpaid carers",
        summary: "Northshire's plan for unpaid carers was out of date. We set out to design the \
            new plan with carers. Hundreds of carers told us what they need. The new plan \
            promises more breaks, better information and a named contact at the council.",
        area: "carers",
        level: "strategic",
        methods: &["community_engagement", "consultation", "involvement"],
        created: 720,
        starts: 700,
        ends: 500,
        budget: "5000",
        ladder: Ladder {
            rung: "co_design",
            reason: "Carers will design the plan with officers in a series of workshops.",
            why_not: None,
        },
        earlier: None,
        fit: Some(Fit {
            power: "yes",
            time: "partly",
            money: "yes",
            access: "partly",
            notes: "Many carers cannot leave the person they look after. We need to pay for \
                cover and hold evening sessions.",
        }),
        stages: Some([
            (
                "yes",
                "The Carers' Forum asked for a new plan rather than small changes to the old \
                 one.",
            ),
            ("yes", "Six design workshops with carers and officers."),
            NO,
            (
                "yes",
                "The Carers' Forum will check progress on the plan every year.",
            ),
        ]),
        groups: "Carers' Forum; Young Carers Group",
        agreements: &[
            AgreementSeed {
                how: "Workshops run on weekday afternoons at County Hall. Carers get paid for \
                    their time and travel.",
                success: "Carers say the plan is theirs. The plan has clear promises that \
                    carers can check.",
                agreed_by: "Carers' Forum",
                on: 698,
            },
            AgreementSeed {
                how: "Workshops now run in the evening as well as in the afternoon, in three \
                    towns. We pay for replacement care so that carers can come. Carers get paid \
                    for their time and travel.",
                success: "Carers say the plan is theirs. The plan has clear promises that \
                    carers can check. Working carers make up at least a quarter of each \
                    workshop.",
                agreed_by: "Carers' Forum",
                on: 610,
            },
        ],
        members: &["co_chair", "member", "member", "member"],
        status: "closed",
        closing: Some(ClosingSeed {
            achieved: "engagement",
            reflection: "We fell short of co-design. The first workshops ran in the daytime, so \
                many working carers could not come. By the time we added evening sessions, time \
                was running out and officers wrote most of the final plan. Carers shaped the \
                priorities, but they did not design the plan. Next time we will agree the \
                timetable with carers first.",
            on: 480,
        }),
        published: true,
    },
    // Northshire Health and Care NHS Trust.
    Seed {
        org: NHS,
        title: "Going home from hospital with the right help",
        summary: "Some people wait days in hospital after they are well enough to leave. Others \
            go home before their help is ready. Patients, families and ward staff are designing \
            a better way to plan going home. We will try it first on two wards at Northshire \
            General Hospital.",
        area: "hospital_discharge",
        level: "service_design",
        methods: &["involvement", "consultation", "participation"],
        created: 280,
        starts: 260,
        ends: -200,
        budget: "7500",
        ladder: Ladder {
            rung: "co_design",
            reason: "Patients and families are designing the new way of planning with staff. \
                Ward teams will run it, so people are not part of the delivery.",
            why_not: None,
        },
        earlier: None,
        fit: Some(Fit {
            power: "yes",
            time: "partly",
            money: "yes",
            access: "partly",
            notes: "It is hard to involve people while they are in hospital, so we also talk \
                to people at home after they leave.",
        }),
        stages: Some([
            (
                "yes",
                "The idea came from complaints and from a patient's story told at the Trust \
                 Board.",
            ),
            (
                "yes",
                "Patients and families joined four design sessions with nurses, therapists and \
                 social workers.",
            ),
            NO,
            (
                "yes",
                "Patients who went home the new way will tell us how it went.",
            ),
        ]),
        groups: "Patient and Carer Experience Group; Older People's Forum",
        agreements: &[AgreementSeed {
            how: "We meet on the hospital site in a room away from the wards, with free parking. \
                Patients can join by phone from home.",
            success: "Fewer people wait in hospital once they are well. Families know the plan \
                for going home at least two days before it happens.",
            agreed_by: "Going home design group",
            on: 255,
        }],
        members: &[],
        status: "active",
        closing: None,
        published: true,
    },
    Seed {
        org: NHS,
        title: "A crisis café in Greyhaven",
        summary: "The Greyhaven café is a calm place to go in the evening when your mental \
            health is at crisis point. People with their own experience of crisis designed it \
            with us. They also work there as peer supporters next to our nurses. It is open \
            from 6pm to midnight, seven days a week.",
        area: "mental_health",
        level: "service_design",
        methods: &["co_production", "community_engagement", "involvement"],
        created: 500,
        starts: 480,
        ends: -240,
        budget: "20000",
        ladder: Ladder {
            rung: "co_production",
            reason: "People with lived experience of crisis designed the café, work there as \
                paid peer supporters and sit on the board that runs it.",
            why_not: None,
        },
        earlier: None,
        fit: Some(Fit {
            power: "yes",
            time: "yes",
            money: "yes",
            access: "partly",
            notes: "We pay peer supporters as staff. Some people cannot take paid work because \
                of their benefits, so we also offer paid sessions.",
        }),
        stages: Some([
            (
                "yes",
                "People who had gone to the emergency department in a crisis asked for somewhere \
                 calmer to go.",
            ),
            (
                "yes",
                "A design group of ten people with lived experience chose the building, the \
                 opening hours and the look of the café.",
            ),
            (
                "yes",
                "Peer supporters with their own experience of crisis work on every shift.",
            ),
            (
                "yes",
                "Every month the café board, half of whom have lived experience, looks at visits \
                 and comments.",
            ),
        ]),
        groups: "Mental Health Lived Experience Network; Greyhaven Community Forum",
        agreements: &[
            AgreementSeed {
                how: "The design group meets every two weeks. Nobody has to share their own \
                    story. We keep what people say in the room private.",
                success: "People in crisis choose the café over the emergency department. \
                    Visitors say they felt safe and listened to.",
                agreed_by: "Crisis café design group",
                on: 478,
            },
            AgreementSeed {
                how: "The café board meets every month, and half its seats are for people with \
                    lived experience. Nobody has to share their own story. Peer supporters get \
                    the same supervision and wellbeing support as nurses.",
                success: "People in crisis choose the café over the emergency department. \
                    Visitors say they felt safe and listened to. Peer supporters stay in the job \
                    for at least a year.",
                agreed_by: "Greyhaven crisis café board",
                on: 300,
            },
        ],
        members: &[],
        status: "active",
        closing: None,
        published: true,
    },
    Seed {
        org: NHS,
        title: "Recovery college courses",
        summary: "The recovery college runs free courses on living well with mental health \
            problems. Each course has two tutors: one with lived experience and one from our \
            staff. Students set their own goals and choose which courses to take. In its first \
            year the college ran 24 courses for 310 students.",
        area: "mental_health",
        level: "individual",
        methods: &["co_production", "participation"],
        created: 650,
        starts: 640,
        ends: 400,
        budget: "8000",
        ladder: Ladder {
            rung: "co_production",
            reason: "A tutor with lived experience and a staff tutor write and teach every \
                course together. Students set their own goals.",
            why_not: None,
        },
        earlier: None,
        fit: Some(Fit {
            power: "yes",
            time: "yes",
            money: "yes",
            access: "yes",
            notes: "",
        }),
        stages: Some([
            (
                "yes",
                "People who use mental health services visited a recovery college in another \
                 county and asked for one here.",
            ),
            (
                "yes",
                "Peer tutors and staff tutors wrote each course together.",
            ),
            ("yes", "Every course has a peer tutor and a staff tutor."),
            (
                "yes",
                "Students and tutors look at every course together at the end of each term.",
            ),
        ]),
        groups: "Mental Health Lived Experience Network",
        agreements: &[AgreementSeed {
            how: "Peer tutors and staff tutors are equals. They plan together, teach together \
                and get paid for planning time as well as teaching.",
            success: "Students reach goals they chose. Courses fill up through word of mouth.",
            agreed_by: "Recovery college tutors",
            on: 638,
        }],
        members: &[],
        status: "closed",
        closing: Some(ClosingSeed {
            achieved: "co_production",
            reflection: "We reached co-production. Every course had a peer tutor, and students \
                shaped the timetable for the second term. The hardest part was paying peer \
                tutors quickly enough. Halfway through we fixed this by paying weekly. The \
                college is now a permanent service.",
            on: 380,
        }),
        published: true,
    },
    Seed {
        org: NHS,
        title: "Short stays in care homes after hospital",
        summary: "In winter, some patients who are well enough to leave hospital cannot go \
            straight home, because their help at home is not ready yet. We offer them a short \
            stay in a care home bed while we arrange it. Most stays last two to four weeks. A \
            nurse or social worker visits every week to plan the move home.",
        area: "hospital_discharge",
        level: "individual",
        methods: &["information"],
        created: 75,
        starts: 60,
        ends: -90,
        budget: "",
        ladder: Ladder {
            rung: "coercion",
            reason: "Patients go to a bed that we find, and they have little say in where or \
                when. We are being honest that this sits at the bottom of the ladder.",
            why_not: Some(WhyNot {
                category: "decided_elsewhere",
                explanation: "National rules say that a patient who is well enough to leave \
                    should not wait in hospital for a place of their choice. In winter there \
                    are often only one or two short-stay beds free in the whole county, so \
                    patients can rarely choose.",
                decided_by: "Trust Board, following national guidance",
                instead: "Patients and families who have had a short stay are co-designing the \
                    welcome pack and a checklist for the first day. The Patient and Carer \
                    Experience Group will look at how the stays went once winter is over.",
            }),
        },
        earlier: None,
        fit: Some(Fit {
            power: "no",
            time: "no",
            money: "partly",
            access: "partly",
            notes: "We can change how a short stay feels, but not whether it happens.",
        }),
        stages: Some([
            NO,
            NO,
            (
                "yes",
                "A nurse or social worker visits each person every week to plan the move home \
                 with them and their family.",
            ),
            (
                "yes",
                "Patients and families will tell us what the short stay was like once they are \
                 home.",
            ),
        ]),
        groups: "Patient and Carer Experience Group; Older People's Forum",
        agreements: &[],
        members: &[],
        status: "active",
        closing: None,
        published: true,
    },
    Seed {
        org: NHS,
        title: "Letters for people waiting for mental health care",
        summary: "People waiting for community mental health care told us they felt forgotten. \
            We planned to ask them what our letters and calls during the wait should say. We \
            now send a letter every month with the likely wait and a number to call.",
        area: "mental_health",
        level: "individual",
        methods: &["consultation", "information"],
        created: 600,
        starts: 590,
        ends: 450,
        budget: "",
        ladder: Ladder {
            rung: "consultation",
            reason: "We will ask people who are waiting what they want to hear from us and how \
                often.",
            why_not: Some(WhyNot {
                category: "too_little_time",
                explanation: "The waiting list was growing fast. We needed something in place \
                    within weeks, not months. Setting up a co-production group would have taken \
                    too long.",
                decided_by: "Community Mental Health Service Manager",
                instead: "The Lived Experience Network will co-produce a longer-term plan for \
                    how we help people while they wait.",
            }),
        },
        earlier: None,
        fit: Some(Fit {
            power: "partly",
            time: "no",
            money: "partly",
            access: "yes",
            notes: "People on the list are unwell, so any contact has to be gentle and optional.",
        }),
        stages: Some([
            NO,
            (
                "yes",
                "We planned to test draft letters with people on the waiting list.",
            ),
            NO,
            (
                "yes",
                "We will ask people on the list whether the letters help.",
            ),
        ]),
        groups: "Mental Health Lived Experience Network",
        agreements: &[],
        members: &[],
        status: "closed",
        closing: Some(ClosingSeed {
            achieved: "informing",
            reflection: "We fell short. We meant to test the letters with people who were \
                waiting, but we sent them out before anyone had seen them. So we told people \
                rather than asked them. People do tell us the monthly letter helps. We have \
                since asked the Lived Experience Network to look at the letters again.",
            on: 420,
        }),
        published: true,
    },
    Seed {
        org: NHS,
        title: "A hospital passport for people with a learning disability",
        summary: "A hospital passport tells staff what matters to you, such as how you \
            communicate and what worries you. People with a learning disability will design our \
            new passport with our learning disability nurses. We want staff to read it and use \
            it every time.",
        area: "learning_disability",
        level: "individual",
        methods: &["involvement", "participation"],
        created: 120,
        starts: -20,
        ends: -250,
        budget: "3500",
        ladder: Ladder {
            rung: "co_design",
            reason: "A grant from the hospital charity now pays people for their time. People \
                with a learning disability will design the passport with our nurses.",
            why_not: None,
        },
        earlier: Some(Earlier {
            ladder: Ladder {
                rung: "engagement",
                reason: "We planned to ask people what they thought of a draft passport that our \
                    nurses would write.",
                why_not: Some(WhyNot {
                    category: "no_budget",
                    explanation: "We had no money to pay people for design sessions.",
                    decided_by: "Lead Nurse for Learning Disability",
                    instead: "People with a learning disability would check the easy read \
                        version.",
                }),
            },
            changed: 60,
        }),
        fit: Some(Fit {
            power: "yes",
            time: "yes",
            money: "yes",
            access: "partly",
            notes: "Sessions need easy read papers, and some people will bring a supporter.",
        }),
        stages: Some([
            (
                "yes",
                "Speak Up Northshire asked for a passport that hospital staff actually read.",
            ),
            (
                "yes",
                "Five design sessions with self-advocates and learning disability nurses.",
            ),
            NO,
            (
                "yes",
                "Self-advocates will check a sample of passports on the wards after six months.",
            ),
        ]),
        groups: "Learning Disability Partnership Board; Speak Up Northshire self-advocacy group",
        agreements: &[AgreementSeed {
            how: "All papers are easy read. Everyone can bring a supporter, and we pay for the \
                supporter's time too. We take a break every half hour.",
            success: "People with a learning disability carry the passport and staff use it.",
            agreed_by: "Hospital passport design group",
            on: 55,
        }],
        members: &[],
        status: "planning",
        closing: None,
        published: false,
    },
    // Brightwater Care.
    Seed {
        org: BRIGHTWATER,
        title: "Residents plan the menus",
        summary: "Residents at our three care homes now plan the menus with our cooks. A food \
            panel of residents meets every month to taste new dishes and agree the next menu. \
            Residents also help choose meal times and where people eat. The panel has a small \
            budget to spend on special meals.",
        area: "care_homes",
        level: "service_design",
        methods: &["co_production", "participation"],
        created: 400,
        starts: 390,
        ends: -60,
        budget: "1200",
        ladder: Ladder {
            rung: "co_production",
            reason: "Residents plan, taste and review the menus with our cooks, and they decide \
                how to spend a budget for special meals.",
            why_not: None,
        },
        earlier: None,
        fit: Some(Fit {
            power: "yes",
            time: "yes",
            money: "partly",
            access: "partly",
            notes: "Some residents live with dementia. We use photos of dishes and tasting \
                sessions instead of written menus.",
        }),
        stages: Some([
            (
                "yes",
                "Residents at Harbour View asked to have more say over food at their residents' \
                 meeting.",
            ),
            (
                "yes",
                "Each home's food panel tastes new dishes and builds the menu with the cook.",
            ),
            (
                "yes",
                "Residents who want to help in the kitchen bake for the monthly special meal.",
            ),
            (
                "yes",
                "Each panel looks back at the last menu before agreeing the next one.",
            ),
        ]),
        groups: "Residents' food panels at Ashby House, Harbour View and The Willows",
        agreements: &[
            AgreementSeed {
                how: "The panel meets in the dining room after lunch on the first Tuesday of \
                    the month. The cook brings tasters. Every resident who comes has an equal \
                    say.",
                success: "Residents say they look forward to meals. Less food goes to waste.",
                agreed_by: "Residents' food panels",
                on: 388,
            },
            AgreementSeed {
                how: "The panel meets in the dining room after lunch on the first Tuesday of \
                    the month. The cook brings tasters. Every resident who comes has an equal \
                    say. Family members may join if a resident asks them to.",
                success: "Residents say they look forward to meals. Less food goes to waste. \
                    Residents who stay in their rooms still get asked about each menu.",
                agreed_by: "Residents' food panels",
                on: 200,
            },
        ],
        members: &[],
        status: "active",
        closing: None,
        published: true,
    },
    Seed {
        org: BRIGHTWATER,
        title: "A first week for new care workers, shaped by the people we support",
        summary: "Every new care worker at Brightwater spends their first week learning the \
            job. People we support wanted a say in what new staff learn. They helped write the \
            week and told their own stories in a short film. New staff now meet people we \
            support on their first day.",
        area: "workforce",
        level: "service_design",
        methods: &["co_production", "involvement"],
        created: 580,
        starts: 570,
        ends: 360,
        budget: "4000",
        ladder: Ladder {
            rung: "co_production",
            reason: "People we support will write the first week with our trainers and help \
                teach it.",
            why_not: None,
        },
        earlier: None,
        fit: Some(Fit {
            power: "yes",
            time: "yes",
            money: "yes",
            access: "yes",
            notes: "",
        }),
        stages: Some([
            (
                "yes",
                "The Brightwater People's Panel raised this after new staff arrived not knowing \
                 people's names or routines.",
            ),
            ("yes", "Panel members and trainers wrote the week together."),
            (
                "yes",
                "People we support will teach one session in every first week.",
            ),
            (
                "yes",
                "Panel members will ask new staff after three months what stuck with them.",
            ),
        ]),
        groups: "Brightwater People's Panel",
        agreements: &[AgreementSeed {
            how: "We meet at the Brightwater office in Eastholme, with taxis paid for. Trainers \
                bring ideas, and panel members decide what goes in.",
            success: "New care workers know what matters to people before their first visit.",
            agreed_by: "Brightwater People's Panel and the training team",
            on: 566,
        }],
        members: &[],
        status: "closed",
        closing: Some(ClosingSeed {
            achieved: "co_design",
            reflection: "We reached co-design but not co-production. People we support wrote \
                much of the week and made the film. But they could not teach live sessions \
                every week, because the dates kept moving. Next time we will fix the dates first \
                and pay people as trainers.",
            on: 340,
        }),
        published: true,
    },
    Seed {
        org: BRIGHTWATER,
        title: "Changes to night visits in Eastholme",
        summary: "We visit 60 people in Eastholme at night, to help them to bed or to turn them. \
            We have too few night staff, so we need to change the rota. We are asking each \
            person and their family which times matter most. They will help us choose between \
            three new rotas.",
        area: "home_care",
        level: "service_design",
        methods: &["consultation", "involvement"],
        created: 160,
        starts: 150,
        ends: -30,
        budget: "",
        ladder: Ladder {
            rung: "engagement",
            reason: "People and families will shape the choice of rota, within limits set by how \
                many staff we have.",
            why_not: Some(WhyNot {
                category: "decided_elsewhere",
                explanation: "The council contract sets how many night visits there are and \
                    what they cost. We cannot change those, only how we arrange the visits.",
                decided_by: "Registered Manager, Brightwater Eastholme",
                instead: "People we visit will co-design how we tell them about any change to \
                    their visit times.",
            }),
        },
        earlier: None,
        fit: Some(Fit {
            power: "partly",
            time: "partly",
            money: "no",
            access: "partly",
            notes: "Many people we visit at night cannot come to meetings, so we ask them at \
                home.",
        }),
        stages: Some([
            NO,
            (
                "yes",
                "People and families tell us which visit times matter most to them.",
            ),
            NO,
            (
                "yes",
                "We will phone everyone after a month on the new rota.",
            ),
        ]),
        groups: "People we visit at night in Eastholme, and their families",
        agreements: &[],
        members: &[],
        status: "active",
        closing: None,
        published: true,
    },
    Seed {
        org: BRIGHTWATER,
        title: "Moving to electronic care records",
        summary: "We are moving from paper care notes to an app that our care workers use on a \
            phone. We will show people we support and their families how the app works. You \
            will be able to see your own notes if you want to.",
        area: "home_care",
        level: "service_design",
        methods: &["information"],
        created: 40,
        starts: -60,
        ends: -150,
        budget: "",
        ladder: Ladder {
            rung: "educating",
            reason: "We will explain the new system and show people how to see their notes. Our \
                parent company has already chosen the system.",
            why_not: Some(WhyNot {
                category: "decided_elsewhere",
                explanation: "Our parent company chose the software for all its care services \
                    across England. We cannot change that choice.",
                decided_by: "Brightwater Board",
                instead: "People we support will co-design what a good care note says and how \
                    it should sound.",
            }),
        },
        earlier: None,
        fit: None,
        stages: None,
        groups: "",
        agreements: &[],
        members: &[],
        status: "planning",
        closing: None,
        published: false,
    },
    Seed {
        org: BRIGHTWATER,
        title: "One-page profiles for everyone we support",
        summary: "A one-page profile says what matters to you and how best to help you. People \
            we support designed our new profile with us. Now each person writes theirs with a \
            care worker they trust. Care workers read it before their first visit.",
        area: "home_care",
        level: "individual",
        methods: &["involvement", "participation"],
        created: 340,
        starts: 330,
        ends: -120,
        budget: "2000",
        ladder: Ladder {
            rung: "co_design",
            reason: "People designed the profile with us. Care workers now write profiles with \
                each person, because people we support told us they did not want to do this for \
                others.",
            why_not: None,
        },
        earlier: Some(Earlier {
            ladder: Ladder {
                rung: "co_production",
                reason: "People we support will design the one-page profile and help each other \
                    write theirs.",
                why_not: None,
            },
            changed: 200,
        }),
        fit: Some(Fit {
            power: "yes",
            time: "yes",
            money: "partly",
            access: "yes",
            notes: "",
        }),
        stages: Some([
            (
                "yes",
                "People we support said new care workers kept asking the same questions.",
            ),
            (
                "yes",
                "Members of the People's Panel tried out five designs and chose one.",
            ),
            NO,
            (
                "yes",
                "The panel will read a sample of profiles each year and say what to change.",
            ),
        ]),
        groups: "Brightwater People's Panel",
        agreements: &[AgreementSeed {
            how: "We meet in people's homes or at the office, whichever suits. Nobody has to \
                share their own profile.",
            success: "People we support say care workers know them from the first visit.",
            agreed_by: "Brightwater People's Panel",
            on: 335,
        }],
        members: &[],
        status: "active",
        closing: None,
        published: true,
    },
    // Northshire Carers Centre.
    Seed {
        org: CARERS,
        title: "Young adult carers group",
        summary: "Young adult carers are people aged 16 to 25 who look after someone at home. \
            A group of young adult carers runs this project with us. They plan meet-ups, trips \
            and help with college and work. They decide how to spend the group's budget.",
        area: "carers",
        level: "service_design",
        methods: &["co_production", "participation"],
        created: 360,
        starts: 350,
        ends: -200,
        budget: "6000",
        ladder: Ladder {
            rung: "co_production",
            reason: "Young adult carers run the group with our staff. They plan what happens, \
                manage the budget and look back on how it went.",
            why_not: None,
        },
        earlier: None,
        fit: Some(Fit {
            power: "yes",
            time: "yes",
            money: "yes",
            access: "yes",
            notes: "Meetings are after college hours and online when caring makes it hard to \
                get out.",
        }),
        stages: Some([
            (
                "yes",
                "Young carers who were turning 18 asked for a group they would not age out of.",
            ),
            (
                "yes",
                "Eight young adult carers planned the group's first year with two youth \
                 workers.",
            ),
            ("yes", "Members take turns to run meet-ups and book trips."),
            (
                "yes",
                "Every six months the group looks at what worked and what to drop.",
            ),
        ]),
        groups: "Young Adult Carers Group",
        agreements: &[
            AgreementSeed {
                how: "We meet every other Thursday at 6pm. Anyone can miss a meeting because of \
                    caring without having to explain. Decisions need most members to agree.",
                success: "Young adult carers feel less alone and have time for themselves.",
                agreed_by: "Young Adult Carers Group",
                on: 348,
            },
            AgreementSeed {
                how: "We meet every other Thursday at 6pm, and online on the weeks between. \
                    Anyone can miss a meeting because of caring without having to explain. \
                    Decisions need most members to agree. Two members help the youth workers \
                    check the budget every month.",
                success: "Young adult carers feel less alone and have time for themselves. \
                    Members who leave college go on to work or training they chose.",
                agreed_by: "Young Adult Carers Group",
                on: 170,
            },
        ],
        members: &[],
        status: "active",
        closing: None,
        published: true,
    },
    Seed {
        org: CARERS,
        title: "An emergency card for carers",
        summary: "If a carer has an accident, who looks after the person they care for? Carers \
            are designing a card to carry that tells others who to call. We will also keep a \
            simple plan for each carer who wants one. Carers chose the design and the wording.",
        area: "carers",
        level: "individual",
        methods: &["involvement", "consultation"],
        created: 250,
        starts: 240,
        ends: -100,
        budget: "2200",
        ladder: Ladder {
            rung: "co_design",
            reason: "Carers designed the card and the plan. Our staff run the scheme.",
            why_not: None,
        },
        earlier: None,
        fit: Some(Fit {
            power: "yes",
            time: "yes",
            money: "yes",
            access: "yes",
            notes: "",
        }),
        stages: Some([
            (
                "yes",
                "A carer at the Carers' Forum shared what happened when she fell ill at work.",
            ),
            (
                "yes",
                "Carers tried out three card designs and wrote the wording of the plan.",
            ),
            NO,
            (
                "yes",
                "After a year, carers who hold a card will tell us whether it worked when \
                 needed.",
            ),
        ]),
        groups: "Carers' Forum; members of Northshire Carers Centre",
        agreements: &[AgreementSeed {
            how: "Two workshops and then comments by email or post. We pay for replacement care \
                so carers can come.",
            success: "Every carer who wants a card has one, and the people named on it know \
                what to do.",
            agreed_by: "Carers' Forum",
            on: 238,
        }],
        members: &[],
        status: "active",
        closing: None,
        published: true,
    },
    Seed {
        org: CARERS,
        title: "Survey of carers' needs",
        summary: "Every two years we ask carers in Northshire what help they need. This survey \
            will ask about breaks, money and health. The answers help us and the council plan \
            help for carers. You can answer online, on paper or by phone.",
        area: "carers",
        level: "strategic",
        methods: &["consultation", "community_engagement"],
        created: 30,
        starts: -14,
        ends: -90,
        budget: "",
        ladder: Ladder {
            rung: "consultation",
            reason: "Carers will give their views, but the questions and the deadline come \
                from our funder.",
            why_not: Some(WhyNot {
                category: "too_little_time",
                explanation: "Our funder needs the results by the end of March to decide next \
                    year's grant. That leaves ten weeks from start to finish.",
                decided_by: "Chief Officer, Northshire Carers Centre",
                instead: "Carers will co-produce what we do with the results, through the \
                    Carers' Forum.",
            }),
        },
        earlier: None,
        fit: Some(Fit {
            power: "partly",
            time: "no",
            money: "no",
            access: "yes",
            notes: "",
        }),
        stages: Some([
            NO,
            ("yes", "Five carers tried out the draft questions."),
            (
                "yes",
                "Carers' Forum members will hand out paper copies at support groups.",
            ),
            (
                "yes",
                "The Carers' Forum will read the results and choose what to act on.",
            ),
        ]),
        groups: "Carers' Forum",
        agreements: &[],
        members: &[],
        status: "planning",
        closing: None,
        published: true,
    },
    Seed {
        org: CARERS,
        title: "Saturday drop-in for working carers",
        summary: "Many carers work during the week and cannot get to our daytime groups. We \
            have opened a Saturday morning drop-in at Castleford North library. Carers who come \
            tell us what they would like at each session. We change the sessions to match.",
        area: "carers",
        level: "service_design",
        methods: &["community_engagement", "involvement"],
        created: 200,
        starts: 180,
        ends: -150,
        budget: "",
        ladder: Ladder {
            rung: "engagement",
            reason: "Carers shape each session, but our small team decides when and where it \
                runs.",
            why_not: Some(WhyNot {
                category: "no_budget",
                explanation: "Our grant does not cover paying carers for their time. We will not \
                    ask people to give many unpaid hours to design a service.",
                decided_by: "Northshire Carers Centre trustees",
                instead: "The Young Adult Carers Group is co-produced and paid. We will apply \
                    for funds to do the same here.",
            }),
        },
        earlier: None,
        fit: Some(Fit {
            power: "partly",
            time: "yes",
            money: "no",
            access: "yes",
            notes: "",
        }),
        stages: Some([
            (
                "yes",
                "Carers at an evening meeting asked for help at the weekend.",
            ),
            NO,
            ("yes", "Carers suggest topics and speakers for each month."),
            (
                "yes",
                "At the last session of every three months we ask everyone what to change.",
            ),
        ]),
        groups: "Working Carers Network",
        agreements: &[],
        members: &[],
        status: "active",
        closing: None,
        published: true,
    },
];

pub(super) static DECISIONS: [DecisionSeed; 15] = [
    DecisionSeed {
        org: COUNCIL,
        on: 415,
        title: "Agreed to write the new adult social care plan with people who draw on care",
        forum: "cabinet_or_board",
        considered: "yes",
        involvement: "The People's Voice Board asked Cabinet to let people write the plan as \
            equals. Cabinet agreed and gave the group the final say on each draft.",
        project: "Our five-year plan for adult social care",
    },
    DecisionSeed {
        org: COUNCIL,
        on: 185,
        title: "Set the timetable for next year's care at home fee rates",
        forum: "management_team",
        considered: "yes",
        involvement: "We thought about co-producing the rates, but the national figures arrive \
            too late. People who get care at home will co-design the quality standards instead.",
        project: "Fee rates for care at home",
    },
    DecisionSeed {
        org: COUNCIL,
        on: 538,
        title: "Moved every resident out of Elm Lodge care home",
        forum: "management_team",
        considered: "no",
        involvement: "Residents were at risk, so there was no time to involve people before the \
            first moves. Social workers explained the reasons to each family in person the same \
            day.",
        project: "Moving residents after Elm Lodge closed",
    },
    DecisionSeed {
        org: COUNCIL,
        on: 455,
        title: "Agreed the adult social care savings for next year's budget",
        forum: "cabinet_or_board",
        considered: "yes",
        involvement: "Over 900 people gave their views. Their answers changed two savings \
            before the vote.",
        project: "Savings in next year's budget",
    },
    DecisionSeed {
        org: COUNCIL,
        on: 330,
        title: "Shortened the adult social care phone line's hours for three months",
        forum: "management_team",
        considered: "no",
        involvement: "Staff sickness meant we had to act within a week. We told people by \
            letter, on our website and in a message on the phone line. The People's Voice Board \
            looked at the change afterwards.",
        project: "",
    },
    DecisionSeed {
        org: COUNCIL,
        on: 620,
        title: "Agreed to pay people £20 an hour for co-production work",
        forum: "management_team",
        considered: "yes",
        involvement: "The People's Voice Board co-designed the payment rules with our finance \
            team, including how to protect people's benefits.",
        project: "",
    },
    DecisionSeed {
        org: COUNCIL,
        on: 122,
        title: "Decided that experts by experience will not score bids for the care at home \
            contract",
        forum: "officer_meeting",
        considered: "yes",
        involvement: "We wanted people to help choose the agencies. Our lawyers advised against \
            it, so we moved the project down to engagement and told the Home Care Users' Panel \
            why.",
        project: "New contract for care at home",
    },
    DecisionSeed {
        org: COUNCIL,
        on: 302,
        title: "Made peer advisers paid members of the direct payments help team",
        forum: "officer_meeting",
        considered: "yes",
        involvement: "The Direct Payments Users' Group suggested the change and agreed the job \
            description with us.",
        project: "Help with managing direct payments",
    },
    DecisionSeed {
        org: NHS,
        on: 85,
        title: "Approved the winter plan, including short stays in care homes after hospital",
        forum: "cabinet_or_board",
        considered: "no",
        involvement: "National guidance set the targets and the timetable, and the plan was \
            due within weeks. The Patient and Carer Experience Group checked the public summary \
            before the Trust Board met.",
        project: "Short stays in care homes after hospital",
    },
    DecisionSeed {
        org: NHS,
        on: 310,
        title: "Funded the Greyhaven crisis café for two more years",
        forum: "cabinet_or_board",
        considered: "yes",
        involvement: "Two peer supporters made the case to the Trust Board with the café \
            manager.",
        project: "A crisis café in Greyhaven",
    },
    DecisionSeed {
        org: NHS,
        on: 700,
        title: "Moved the Dunmere community mental health team to Riverside House",
        forum: "management_team",
        considered: "no",
        involvement: "The lease on the old building ended with three months' notice. We wrote \
            to and phoned every patient, and offered help with travel.",
        project: "",
    },
    DecisionSeed {
        org: BRIGHTWATER,
        on: 45,
        title: "Took up our parent company's electronic care records system in Northshire",
        forum: "other",
        considered: "no",
        involvement: "Our parent company chose the system for all its services. People we \
            support will be able to see their notes, and they will help shape how we write them.",
        project: "Moving to electronic care records",
    },
    DecisionSeed {
        org: BRIGHTWATER,
        on: 395,
        title: "Handed menu planning to residents' food panels",
        forum: "management_team",
        considered: "yes",
        involvement: "Residents at all three homes voted at their meetings to set up food panels.",
        project: "Residents plan the menus",
    },
    DecisionSeed {
        org: CARERS,
        on: 255,
        title: "Used the winter grant to start an emergency card for carers",
        forum: "cabinet_or_board",
        considered: "yes",
        involvement: "Carers at the Carers' Forum chose the emergency card from four ideas.",
        project: "An emergency card for carers",
    },
    DecisionSeed {
        org: CARERS,
        on: 205,
        title: "Opened a Saturday drop-in for working carers",
        forum: "officer_meeting",
        considered: "yes",
        involvement: "We thought about co-producing the drop-in but had no money to pay carers. \
            Carers shape each session instead.",
        project: "Saturday drop-in for working carers",
    },
];
