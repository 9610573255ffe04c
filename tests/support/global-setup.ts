// Runs once before all suites. Database suites create their own databases (tests/support/test-db.ts).
export default function setup() {}
