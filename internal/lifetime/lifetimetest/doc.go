// Package lifetimetest is a LifeTime Deployment API v2 for tests: an HTTPS server on
// loopback, with a certificate of a CA made for the test, that checks the bearer token and
// serves the documented shapes (testdata/, after OutSystems docs-product
// src/ref/apis/lifetime-deployment/examples/api-deploy-app.md and the "Structures" of
// src/ref/apis/auto/lifetime-deployment-api-v2.md). Tests change what it serves (an app
// moved to another zone, a new module) and make endpoints fail.
package lifetimetest
