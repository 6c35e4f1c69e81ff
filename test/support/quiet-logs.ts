// Tests keep the console quiet: the api and worker read LOG_LEVEL at boot.
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
