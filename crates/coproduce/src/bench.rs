//! `coproduce bench`: measures how fast the server answers its main pages
//! and API calls, and how much memory it uses, on a fresh demo store. The
//! figures go into issue notes; tests never assert timings.

use std::time::{Duration, Instant};

use anyhow::Context;
use coproduce_domain::Email;
use coproduce_services::secrets::SecretKey;
use coproduce_services::{Services, Settings, api_tokens, auth, demo};
use coproduce_web::{Application, WebConfig};

const PASSWORD: &str = "bench orchard lantern kettle";

/// One thing to measure: a path, and whether it needs a session or a token.
struct Scenario {
    name: &'static str,
    path: &'static str,
    credential: Credential,
}

#[derive(Clone, Copy)]
enum Credential {
    None,
    Session,
    Token,
}

const SCENARIOS: [Scenario; 32] = [
    Scenario {
        name: "public home page",
        path: "/",
        credential: Credential::None,
    },
    Scenario {
        name: "health check",
        path: "/healthz",
        credential: Credential::None,
    },
    Scenario {
        name: "staff home (session lookup)",
        path: "/staff",
        credential: Credential::Session,
    },
    Scenario {
        name: "staff accounts list",
        path: "/staff/users",
        credential: Credential::Session,
    },
    Scenario {
        name: "audit trail page",
        path: "/staff/audit",
        credential: Credential::Session,
    },
    Scenario {
        name: "API: list staff",
        path: "/api/v1/users",
        credential: Credential::Token,
    },
    Scenario {
        name: "register, first page",
        path: "/staff/people",
        credential: Credential::Session,
    },
    Scenario {
        name: "register, search by name",
        path: "/staff/people?q=patel",
        credential: Credential::Session,
    },
    Scenario {
        name: "register, two filters",
        path: "/staff/people?area=dementia&locality=ashby-vale",
        credential: Credential::Session,
    },
    Scenario {
        name: "person page (audited view)",
        path: "/staff/people/1",
        credential: Credential::Session,
    },
    Scenario {
        name: "API: list people",
        path: "/api/v1/people",
        credential: Credential::Token,
    },
    Scenario {
        name: "public ladder",
        path: "/ladder",
        credential: Credential::None,
    },
    Scenario {
        name: "public projects, filtered",
        path: "/projects?rung=consultation",
        credential: Credential::None,
    },
    Scenario {
        name: "staff project page",
        path: "/staff/projects/1",
        credential: Credential::Session,
    },
    Scenario {
        name: "ladder dashboard",
        path: "/staff/projects/dashboard",
        credential: Credential::Session,
    },
    Scenario {
        name: "API: list projects",
        path: "/api/v1/projects",
        credential: Credential::Token,
    },
    Scenario {
        name: "API: public projects",
        path: "/api/v1/public/projects",
        credential: Credential::None,
    },
    Scenario {
        name: "activities list",
        path: "/staff/activities",
        credential: Credential::Session,
    },
    Scenario {
        name: "activity page (suggestions)",
        path: "/staff/activities/7",
        credential: Credential::Session,
    },
    Scenario {
        name: "API: list activities",
        path: "/api/v1/activities",
        credential: Credential::Token,
    },
    Scenario {
        name: "public opportunities",
        path: "/get-involved/opportunities",
        credential: Credential::None,
    },
    Scenario {
        name: "payments overview",
        path: "/staff/payments",
        credential: Credential::Session,
    },
    Scenario {
        name: "fees list",
        path: "/staff/payments/fees",
        credential: Credential::Session,
    },
    Scenario {
        name: "a person's payments (audited)",
        path: "/staff/people/2/payments",
        credential: Credential::Session,
    },
    Scenario {
        name: "prompt payment report",
        path: "/staff/payments/report",
        credential: Credential::Session,
    },
    Scenario {
        name: "API: list claims",
        path: "/api/v1/claims",
        credential: Credential::Token,
    },
    Scenario {
        name: "insights, search by words",
        path: "/staff/insights?q=transport+bus",
        credential: Credential::Session,
    },
    Scenario {
        name: "insights, words and topic",
        path: "/staff/insights?q=carers&topic=carers-support",
        credential: Credential::Session,
    },
    Scenario {
        name: "public insights, search",
        path: "/insights?q=care+home+visiting",
        credential: Credential::None,
    },
    Scenario {
        name: "insight page",
        path: "/staff/insights/1",
        credential: Credential::Session,
    },
    Scenario {
        name: "public you said, we did",
        path: "/you-said-we-did",
        credential: Credential::None,
    },
    Scenario {
        name: "API: search insights",
        path: "/api/v1/insights?q=hospital+home",
        credential: Credential::Token,
    },
];

/// Insights in the bench's library, so that search is measured over
/// several hundred.
const INSIGHTS: usize = 300;

pub async fn run(
    database_url: Option<String>,
    requests: usize,
    concurrency: usize,
    people: usize,
) -> anyhow::Result<()> {
    let data_dir = tempfile::tempdir().context("a temporary folder")?;
    let store = coproduce_services::Store::open(database_url.as_deref(), data_dir.path()).await?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let settings = Settings::new(
        base.clone(),
        SecretKey::generate(),
        data_dir.path().join("outbox"),
    );
    let services = Services::new(store, settings);
    demo::seed(
        &services,
        PASSWORD,
        demo::DemoSize {
            people,
            insights: INSIGHTS,
        },
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e}"))?
    .context("the bench needs an empty database")?;
    let email =
        Email::parse("admin@northshire-council.example").map_err(|e| anyhow::anyhow!(e.message))?;
    let session = auth::sign_in(&services, &email, PASSWORD, "127.0.0.1", None)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .session_token;
    let token = api_tokens::create(&services, &email, "bench")
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let engine = services.store.engine().name();
    let app = Application::build(services, listener, WebConfig::default()).await?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until(async {
        let _ = stopped.await;
    }));

    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .build()?;
    println!(
        "Coproduce bench on {engine}: {people} people on the register, {requests} requests per scenario, {concurrency} at a time\n"
    );
    println!(
        "{:<30} {:>10} {:>10} {:>10} {:>10}",
        "scenario", "req/s", "p50 ms", "p95 ms", "p99 ms"
    );
    for scenario in &SCENARIOS {
        let url = format!("{base}{}", scenario.path);
        let header = match scenario.credential {
            Credential::None => None,
            Credential::Session => Some(("cookie", format!("cp_session={session}"))),
            Credential::Token => Some(("authorization", format!("Bearer {token}"))),
        };
        let (elapsed, mut latencies) =
            measure(&client, &url, header, requests, concurrency).await?;
        latencies.sort();
        let percentile = |p: f64| {
            let index =
                ((latencies.len() as f64 * p).ceil() as usize).clamp(1, latencies.len()) - 1;
            latencies[index].as_secs_f64() * 1000.0
        };
        println!(
            "{:<30} {:>10.0} {:>10.2} {:>10.2} {:>10.2}",
            scenario.name,
            requests as f64 / elapsed.as_secs_f64(),
            percentile(0.50),
            percentile(0.95),
            percentile(0.99)
        );
    }
    println!(
        "\npeak memory of this process (server and load together): {}",
        peak_memory()
    );
    let _ = stop.send(());
    let _ = server.await;
    Ok(())
}

async fn measure(
    client: &reqwest::Client,
    url: &str,
    header: Option<(&'static str, String)>,
    requests: usize,
    concurrency: usize,
) -> anyhow::Result<(Duration, Vec<Duration>)> {
    let started = Instant::now();
    let per_worker = requests.div_ceil(concurrency);
    let mut workers = Vec::new();
    for _ in 0..concurrency {
        let client = client.clone();
        let url = url.to_owned();
        let header = header.clone();
        workers.push(tokio::spawn(async move {
            let mut latencies = Vec::with_capacity(per_worker);
            for _ in 0..per_worker {
                let mut request = client.get(&url);
                if let Some((name, value)) = &header {
                    request = request.header(*name, value);
                }
                let began = Instant::now();
                let response = request.send().await?;
                let status = response.status();
                response.bytes().await?;
                anyhow::ensure!(status.is_success(), "{url} answered {status}");
                latencies.push(began.elapsed());
            }
            Ok::<_, anyhow::Error>(latencies)
        }));
    }
    let mut all = Vec::with_capacity(requests);
    for worker in workers {
        all.extend(worker.await??);
    }
    Ok((started.elapsed(), all))
}

/// The process's peak resident memory, from /proc on Linux.
fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l.trim_start_matches("VmHWM:").trim().to_owned())
        })
        .unwrap_or_else(|| "not known on this system".into())
}
