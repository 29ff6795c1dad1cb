/* eslint-disable */
import * as types from './graphql.ts';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query BotTicker($market: String!) {\n    ticker(market: $market) {\n      last\n    }\n  }\n": typeof types.BotTickerDocument,
    "\n  query MakerOrders($market: String!) {\n    orders(market: $market, status: [PENDING, OPEN, PARTIALLY_FILLED], first: 100) {\n      edges {\n        node {\n          id\n          side\n          price\n        }\n      }\n    }\n  }\n": typeof types.MakerOrdersDocument,
    "\n  query BotMarkets {\n    markets {\n      symbol\n      base\n      quote\n      tickSize\n      lotSize\n      minNotional\n      priceBandPercent\n    }\n  }\n": typeof types.BotMarketsDocument,
    "\n  fragment MarketFields on Market {\n    symbol\n    base\n    quote\n    status\n    tickSize\n    lotSize\n    minNotional\n    makerFee\n    takerFee\n    priceBandPercent\n  }\n": typeof types.MarketFieldsFragmentDoc,
    "\n  fragment TickerFields on Ticker {\n    id\n    market\n    last\n    open\n    high\n    low\n    change\n    changePercent\n    volume\n    quoteVolume\n    numberOfTrades\n    openTime\n    closeTime\n    stale\n  }\n": typeof types.TickerFieldsFragmentDoc,
    "\n  fragment CandleFields on Candle {\n    timestamp\n    open\n    high\n    low\n    close\n    volume\n    quoteAssetVolume\n    numberOfTrades\n  }\n": typeof types.CandleFieldsFragmentDoc,
    "\n  query Tape($market: String!, $limit: Int, $before: String, $after: String) {\n    trades(market: $market, limit: $limit, before: $before, after: $after) {\n      id\n      market\n      sequence\n      price\n      amount\n      quoteAmount\n      takerSide\n      executedAt\n    }\n  }\n": typeof types.TapeDocument,
    "\n  query Markets {\n    markets {\n      ...MarketFields\n    }\n  }\n": typeof types.MarketsDocument,
    "\n  query MarketCandles(\n    $market: String!\n    $interval: CandleInterval!\n    $from: DateTime\n    $to: DateTime\n    $limit: Int\n  ) {\n    candles(market: $market, interval: $interval, from: $from, to: $to, limit: $limit) {\n      data {\n        ...CandleFields\n      }\n      stale\n    }\n  }\n": typeof types.MarketCandlesDocument,
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      token\n      user {\n        id\n      }\n    }\n  }\n": typeof types.RegisterDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      token\n      user {\n        id\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      token\n      user {\n        id\n      }\n    }\n  }\n": typeof types.ChangePasswordDocument,
    "\n  query Me {\n    me {\n      id\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n      }\n    }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": typeof types.RevokeApiKeyDocument,
    "\n  fragment Balance on Wallet {\n    asset\n    available\n    locked\n  }\n": typeof types.BalanceFragmentDoc,
    "\n  mutation Deposit($asset: String!, $amount: Decimal!) {\n    deposit(input: { asset: $asset, amount: $amount }) {\n      ...Balance\n    }\n  }\n": typeof types.DepositDocument,
    "\n  query Wallets {\n    wallets {\n      ...Balance\n    }\n  }\n": typeof types.WalletsDocument,
    "\n  fragment OrderFields on Order {\n    id\n    status\n    side\n    type\n    price\n    amount\n    quoteAmount\n    filledAmount\n    filledQuoteAmount\n    averagePrice\n    lockedAmount\n    clientOrderId\n  }\n": typeof types.OrderFieldsFragmentDoc,
    "\n  fragment OrderView on Order {\n    ...OrderFields\n    market\n    timeInForce\n    postOnly\n    cancelRequested\n    createdAt\n    updatedAt\n  }\n": typeof types.OrderViewFragmentDoc,
    "\n  mutation PlaceOrder($input: PlaceOrderInput!) {\n    placeOrder(input: $input) {\n      ...OrderFields\n    }\n  }\n": typeof types.PlaceOrderDocument,
    "\n  mutation PlaceOrderId($input: PlaceOrderInput!) {\n    placeOrder(input: $input) {\n      id\n    }\n  }\n": typeof types.PlaceOrderIdDocument,
    "\n  mutation CancelOrder($id: ID!) {\n    cancelOrder(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.CancelOrderDocument,
    "\n  mutation PlaceOrders($inputs: [PlaceOrderInput!]!) {\n    placeOrders(inputs: $inputs) {\n      ...OrderFields\n    }\n  }\n": typeof types.PlaceOrdersDocument,
    "\n  mutation PlaceOrdersId($inputs: [PlaceOrderInput!]!) {\n    placeOrders(inputs: $inputs) {\n      id\n    }\n  }\n": typeof types.PlaceOrdersIdDocument,
    "\n  mutation CancelOrders($ids: [ID!]!) {\n    cancelOrders(ids: $ids) {\n      id\n      status\n    }\n  }\n": typeof types.CancelOrdersDocument,
    "\n  query Order($id: ID!) {\n    order(id: $id) {\n      ...OrderFields\n    }\n  }\n": typeof types.OrderDocument,
    "\n  fragment BookLevels on OrderBook {\n    sequence\n    bids {\n      price\n      amount\n    }\n    asks {\n      price\n      amount\n    }\n  }\n": typeof types.BookLevelsFragmentDoc,
    "\n  query OrderBook($market: String!, $depth: Int) {\n    orderBook(market: $market, depth: $depth) {\n      ...BookLevels\n    }\n  }\n": typeof types.OrderBookDocument,
    "\n  subscription OrderBookUpdates($market: String!, $depth: Int) {\n    orderBook(market: $market, depth: $depth) {\n      market\n      firstSequence\n      lastSequence\n      snapshot\n      bids {\n        price\n        amount\n      }\n      asks {\n        price\n        amount\n      }\n      checksum\n    }\n  }\n": typeof types.OrderBookUpdatesDocument,
    "\n  query McpMarkets {\n    markets {\n      ...MarketFields\n    }\n  }\n": typeof types.McpMarketsDocument,
    "\n  query McpTicker($market: String!) {\n    ticker(market: $market) {\n      ...TickerFields\n    }\n  }\n": typeof types.McpTickerDocument,
    "\n  query McpOrderBook($market: String!, $depth: Int) {\n    orderBook(market: $market, depth: $depth) {\n      market\n      ...BookLevels\n    }\n  }\n": typeof types.McpOrderBookDocument,
    "\n  query McpBalances {\n    wallets {\n      ...Balance\n    }\n  }\n": typeof types.McpBalancesDocument,
    "\n  query McpMyOrders($market: String, $status: [OrderStatus!], $first: Int, $after: String) {\n    orders(market: $market, status: $status, first: $first, after: $after) {\n      edges {\n        node {\n          ...OrderView\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.McpMyOrdersDocument,
    "\n  query McpMyTrades($market: String, $first: Int, $after: String) {\n    myTrades(market: $market, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          market\n          orderId\n          side\n          liquidity\n          price\n          amount\n          quoteAmount\n          fee\n          feeAsset\n          executedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.McpMyTradesDocument,
    "\n  query McpPreviewOrder($input: PlaceOrderInput!) {\n    previewOrder(input: $input) {\n      market\n      side\n      type\n      quoteAsset\n      notional\n      notionalUsdt\n      lockAsset\n      lockAmount\n      available\n      fundsSufficient\n      estimatedFillAmount\n      estimatedFillQuote\n      estimatedAveragePrice\n      levelsTaken\n      makerFeeRate\n      takerFeeRate\n      feeAsset\n      estimatedFee\n      dailyNotionalRemaining\n      dryRun\n    }\n  }\n": typeof types.McpPreviewOrderDocument,
    "\n  mutation McpPlaceOrder($input: PlaceOrderInput!) {\n    placeOrder(input: $input) {\n      ...OrderView\n    }\n  }\n": typeof types.McpPlaceOrderDocument,
    "\n  mutation McpCancelOrder($id: ID!) {\n    cancelOrder(id: $id) {\n      ...OrderView\n    }\n  }\n": typeof types.McpCancelOrderDocument,
    "\n  mutation McpPlaceOrders($inputs: [PlaceOrderInput!]!) {\n    placeOrders(inputs: $inputs) {\n      ...OrderView\n    }\n  }\n": typeof types.McpPlaceOrdersDocument,
    "\n  mutation McpCancelOrders($ids: [ID!]!) {\n    cancelOrders(ids: $ids) {\n      ...OrderView\n    }\n  }\n": typeof types.McpCancelOrdersDocument,
    "\n  mutation McpRecordToolCall($input: AgentToolCallInput!) {\n    recordAgentToolCall(input: $input)\n  }\n": typeof types.McpRecordToolCallDocument,
    "\n  mutation BenchFund {\n    a: deposit(input: { asset: \"BTC\", amount: \"1000\" }) {\n      asset\n    }\n    b: deposit(input: { asset: \"USDT\", amount: \"100000000\" }) {\n      asset\n    }\n  }\n": typeof types.BenchFundDocument,
    "\n  query ScreenshotLastClose($market: String!) {\n    candles(market: $market, interval: M1, limit: 1) {\n      data {\n        close\n      }\n    }\n  }\n": typeof types.ScreenshotLastCloseDocument,
    "\n  mutation ScreenshotPlace($input: PlaceOrderInput!) {\n    placeOrder(input: $input) {\n      id\n    }\n  }\n": typeof types.ScreenshotPlaceDocument,
    "\n  mutation AdminCreateAsset($input: CreateAssetInput!) {\n    createAsset(input: $input) {\n      symbol\n      name\n      decimals\n      withdrawalFee\n    }\n  }\n": typeof types.AdminCreateAssetDocument,
    "\n  mutation AdminCreateMarket($input: CreateMarketInput!) {\n    createMarket(input: $input) {\n      symbol\n      base\n      quote\n      tickSize\n      lotSize\n      minNotional\n      makerFee\n      takerFee\n      priceBandPercent\n      status\n    }\n  }\n": typeof types.AdminCreateMarketDocument,
    "\n  mutation AdminUpdateMarket($input: UpdateMarketInput!) {\n    updateMarket(input: $input) {\n      symbol\n      makerFee\n      takerFee\n      minNotional\n      priceBandPercent\n    }\n  }\n": typeof types.AdminUpdateMarketDocument,
    "\n  mutation AdminSetMarketStatus($market: String!, $status: MarketStatus!) {\n    setMarketStatus(market: $market, status: $status) {\n      symbol\n      status\n    }\n  }\n": typeof types.AdminSetMarketStatusDocument,
    "\n  query AdminAuditLog($target: String, $first: Int, $after: String) {\n    auditLog(target: $target, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          actor {\n            id\n            email\n          }\n          action\n          target\n          before\n          after\n          at\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AdminAuditLogDocument,
    "\n  query AdminMarkets {\n    markets {\n      symbol\n      status\n      takerFee\n    }\n  }\n": typeof types.AdminMarketsDocument,
    "\n  query AdminMyTrades($market: String!) {\n    myTrades(market: $market) {\n      edges {\n        node {\n          orderId\n          liquidity\n          fee\n          feeAsset\n        }\n      }\n    }\n  }\n": typeof types.AdminMyTradesDocument,
    "\n  query AdminMarketData($market: String!) {\n    ticker(market: $market) {\n      last\n      numberOfTrades\n    }\n    candles(market: $market, interval: M1) {\n      data {\n        close\n        numberOfTrades\n      }\n    }\n  }\n": typeof types.AdminMarketDataDocument,
    "\n  query CacheIdMarkets {\n    markets {\n      id\n      symbol\n    }\n  }\n": typeof types.CacheIdMarketsDocument,
    "\n  query CacheIdWallets {\n    wallets {\n      id\n      asset\n    }\n  }\n": typeof types.CacheIdWalletsDocument,
    "\n  mutation CacheIdDeposit($asset: String!, $amount: Decimal!) {\n    deposit(input: { asset: $asset, amount: $amount }) {\n      id\n      asset\n    }\n  }\n": typeof types.CacheIdDepositDocument,
    "\n  query CacheIdBook {\n    orderBook(market: \"BTC_USDT\", depth: 1) {\n      id\n      market\n    }\n  }\n": typeof types.CacheIdBookDocument,
    "\n  mutation CancelRequested($id: ID!) {\n    cancelOrder(id: $id) {\n      id\n      status\n      cancelRequested\n    }\n  }\n": typeof types.CancelRequestedDocument,
    "\n  query CancelRequestedOrder($id: ID!) {\n    order(id: $id) {\n      status\n      cancelRequested\n    }\n  }\n": typeof types.CancelRequestedOrderDocument,
    "\n  query DemoMarketView($market: String!, $from: DateTime!) {\n    ticker(market: $market) {\n      last\n      numberOfTrades\n    }\n    trades(market: $market, limit: 20) {\n      id\n      price\n    }\n    candles(market: $market, interval: M1, from: $from, limit: 100) {\n      data {\n        timestamp\n        close\n      }\n    }\n  }\n": typeof types.DemoMarketViewDocument,
    "\n  query ErrorsWalletsAndLedger($asset: String) {\n    wallets {\n      asset\n      available\n    }\n    ledger(asset: $asset) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.ErrorsWalletsAndLedgerDocument,
    "\n  query ErrorsLedgerPage($first: Int, $after: String) {\n    ledger(first: $first, after: $after) {\n      edges {\n        cursor\n      }\n    }\n  }\n": typeof types.ErrorsLedgerPageDocument,
    "\n  query ErrorsApiKeys {\n    apiKeys {\n      id\n    }\n  }\n": typeof types.ErrorsApiKeysDocument,
    "\n  query FeesMyFills($market: String, $first: Int, $after: String) {\n    myTrades(market: $market, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          tradeId\n          market\n          side\n          liquidity\n          price\n          amount\n          quoteAmount\n          fee\n          feeAsset\n          orderId\n          ledgerReference\n          executedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.FeesMyFillsDocument,
    "\n  query FeesLedger($asset: String) {\n    ledger(asset: $asset, first: 100) {\n      edges {\n        node {\n          reason\n          availableDelta\n          reference\n        }\n      }\n    }\n  }\n": typeof types.FeesLedgerDocument,
    "\n  query FeeTiers {\n    feeTiers {\n      tier\n      minVolume\n      makerFee\n      takerFee\n    }\n  }\n": typeof types.FeeTiersDocument,
    "\n  mutation SetFeeTiers($tiers: [FeeTierInput!]!) {\n    setFeeTiers(tiers: $tiers) {\n      tier\n      minVolume\n      makerFee\n      takerFee\n    }\n  }\n": typeof types.SetFeeTiersDocument,
    "\n  query MyFeeTier {\n    me {\n      feeTier {\n        tier\n        makerFee\n        takerFee\n        volume30d\n      }\n    }\n  }\n": typeof types.MyFeeTierDocument,
    "\n  mutation GuardrailsCreateKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n        guardrails {\n          maxOrderNotional\n          maxDailyNotional\n          allowedMarkets\n          dryRun\n          dailyNotionalUsed\n          dailyNotionalRemaining\n          resetsAt\n        }\n      }\n    }\n  }\n": typeof types.GuardrailsCreateKeyDocument,
    "\n  mutation GuardrailsSet($id: ID!, $input: ApiKeyGuardrailsInput!) {\n    setApiKeyGuardrails(id: $id, input: $input) {\n      id\n      guardrails {\n        maxOrderNotional\n        maxDailyNotional\n        allowedMarkets\n        dryRun\n      }\n    }\n  }\n": typeof types.GuardrailsSetDocument,
    "\n  query GuardrailsOfKeys {\n    apiKeys {\n      id\n      guardrails {\n        maxDailyNotional\n        dailyNotionalUsed\n        dailyNotionalRemaining\n      }\n    }\n  }\n": typeof types.GuardrailsOfKeysDocument,
    "\n  query GuardrailsPreview($input: PlaceOrderInput!) {\n    previewOrder(input: $input) {\n      notional\n      notionalUsdt\n      quoteAsset\n      lockAsset\n      lockAmount\n      available\n      fundsSufficient\n      estimatedFillAmount\n      estimatedFillQuote\n      estimatedAveragePrice\n      levelsTaken\n      takerFeeRate\n      feeAsset\n      estimatedFee\n      dailyNotionalRemaining\n      dryRun\n    }\n  }\n": typeof types.GuardrailsPreviewDocument,
    "\n  query GuardrailsMyOrders {\n    orders(first: 100) {\n      edges {\n        node {\n          id\n          status\n        }\n      }\n    }\n  }\n": typeof types.GuardrailsMyOrdersDocument,
    "\n  query GuardrailsAudit($target: String!) {\n    auditLog(target: $target) {\n      edges {\n        node {\n          action\n          actor {\n            email\n          }\n          before\n          after\n        }\n      }\n    }\n  }\n": typeof types.GuardrailsAuditDocument,
    "\n  query HostileFirstLedgerCursor {\n    ledger(first: 1) {\n      pageInfo {\n        endCursor\n      }\n    }\n  }\n": typeof types.HostileFirstLedgerCursorDocument,
    "\n  query HostileLedgerAfter($after: String) {\n    ledger(after: $after) {\n      edges {\n        cursor\n      }\n    }\n  }\n": typeof types.HostileLedgerAfterDocument,
    "\n  mutation LimitsPlaceOrder($input: PlaceOrderInput!) {\n    placeOrder(input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.LimitsPlaceOrderDocument,
    "\n  query Candles(\n    $market: String!\n    $interval: CandleInterval!\n    $from: DateTime\n    $to: DateTime\n    $limit: Int\n  ) {\n    candles(market: $market, interval: $interval, from: $from, to: $to, limit: $limit) {\n      stale\n      metadata {\n        exchange\n        symbol\n        interval\n        assetClass\n      }\n      data {\n        timestamp\n        open\n        high\n        low\n        close\n        volume\n        quoteAssetVolume\n        numberOfTrades\n      }\n    }\n  }\n": typeof types.CandlesDocument,
    "\n  query Ticker($market: String!) {\n    ticker(market: $market) {\n      id\n      market\n      open\n      high\n      low\n      last\n      volume\n      quoteVolume\n      change\n      changePercent\n      numberOfTrades\n      openTime\n      closeTime\n      stale\n    }\n  }\n": typeof types.TickerDocument,
    "\n  query MarketsMyTrades($market: String!) {\n    myTrades(market: $market) {\n      edges {\n        node {\n          orderId\n          liquidity\n          fee\n          feeAsset\n        }\n      }\n    }\n  }\n": typeof types.MarketsMyTradesDocument,
    "\n  mutation McpTestCreateKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n      }\n    }\n  }\n": typeof types.McpTestCreateKeyDocument,
    "\n  query McpTestAudit($target: String!) {\n    auditLog(target: $target, first: 100) {\n      edges {\n        node {\n          action\n          actor {\n            email\n          }\n          after\n        }\n      }\n    }\n  }\n": typeof types.McpTestAuditDocument,
    "\n  mutation McpTestRecord($input: AgentToolCallInput!) {\n    recordAgentToolCall(input: $input)\n  }\n": typeof types.McpTestRecordDocument,
    "\n  query NewcomerProfile {\n    me {\n      id\n      email\n      role\n      verificationLevel\n    }\n  }\n": typeof types.NewcomerProfileDocument,
    "\n  query NewcomerLedger {\n    ledger {\n      edges {\n        node {\n          asset\n          reason\n          availableDelta\n          availableAfter\n          reference\n        }\n      }\n    }\n  }\n": typeof types.NewcomerLedgerDocument,
    "\n  query NewcomerApiKeys {\n    apiKeys {\n      id\n      prefix\n      permissions\n      revokedAt\n    }\n  }\n": typeof types.NewcomerApiKeysDocument,
    "\n  query NewcomerMarkets {\n    markets {\n      symbol\n      base\n      quote\n      tickSize\n      lotSize\n      minNotional\n      makerFee\n      takerFee\n      status\n    }\n  }\n": typeof types.NewcomerMarketsDocument,
    "\n  subscription OrderBookWindow($market: String!, $depth: Int) {\n    orderBook(market: $market, depth: $depth) {\n      firstSequence\n      lastSequence\n      snapshot\n      checksum\n      bids {\n        price\n        amount\n      }\n      asks {\n        price\n        amount\n      }\n    }\n  }\n": typeof types.OrderBookWindowDocument,
    "\n  subscription TickerUpdates($market: String!) {\n    ticker(market: $market) {\n      market\n      last\n      volume\n      numberOfTrades\n    }\n  }\n": typeof types.TickerUpdatesDocument,
    "\n  query OrdersMyTrades($market: String!) {\n    myTrades(market: $market) {\n      edges {\n        node {\n          side\n          liquidity\n          price\n          amount\n          quoteAmount\n          fee\n          feeAsset\n          orderId\n          sequence\n        }\n      }\n    }\n  }\n": typeof types.OrdersMyTradesDocument,
    "\n  query OrdersTape($market: String!, $limit: Int) {\n    trades(market: $market, limit: $limit) {\n      sequence\n      price\n      amount\n      takerSide\n    }\n  }\n": typeof types.OrdersTapeDocument,
    "\n  query OrdersLedger($asset: String) {\n    ledger(asset: $asset) {\n      edges {\n        node {\n          reason\n          availableDelta\n          lockedDelta\n        }\n      }\n    }\n  }\n": typeof types.OrdersLedgerDocument,
    "\n  query OrdersPage($market: String, $status: [OrderStatus!], $first: Int, $after: String) {\n    orders(market: $market, status: $status, first: $first, after: $after) {\n      edges {\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.OrdersPageDocument,
    "\n  query RateLimits {\n    rateLimits {\n      scope\n      used\n      limit\n      resetSeconds\n    }\n  }\n": typeof types.RateLimitsDocument,
    "\n  query ResilienceOrderLock($id: ID!) {\n    order(id: $id) {\n      status\n      lockedAmount\n    }\n  }\n": typeof types.ResilienceOrderLockDocument,
    "\n  query SecurityEverything {\n    me {\n      id\n      name\n      email\n      role\n      verificationLevel\n      createdAt\n    }\n    wallets {\n      asset\n      available\n      locked\n      updatedAt\n    }\n    ledger {\n      edges {\n        cursor\n        node {\n          id\n          reference\n        }\n      }\n    }\n  }\n": typeof types.SecurityEverythingDocument,
    "\n  query SecurityKeys {\n    apiKeys {\n      id\n      name\n      prefix\n      permissions\n      createdAt\n      lastUsedAt\n      revokedAt\n    }\n  }\n": typeof types.SecurityKeysDocument,
    "\n  query SecurityFields {\n    __schema {\n      types {\n        name\n        fields {\n          name\n        }\n      }\n    }\n  }\n": typeof types.SecurityFieldsDocument,
    "\n  query ServerMarkets {\n    markets {\n      symbol\n    }\n  }\n": typeof types.ServerMarketsDocument,
    "\n  subscription ServerHeartbeat($intervalSeconds: Int) {\n    heartbeat(intervalSeconds: $intervalSeconds)\n  }\n": typeof types.ServerHeartbeatDocument,
    "\n  mutation CreateSignedKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n        signed\n        publicKey\n      }\n    }\n  }\n": typeof types.CreateSignedKeyDocument,
    "\n  query SignedKeys {\n    apiKeys {\n      id\n      signed\n      publicKey\n    }\n  }\n": typeof types.SignedKeysDocument,
    "\n  subscription SocketMyWallets {\n    myWallets {\n      asset\n      available\n    }\n  }\n": typeof types.SocketMyWalletsDocument,
    "\n  subscription SocketMyOrders {\n    myOrders {\n      id\n      status\n    }\n  }\n": typeof types.SocketMyOrdersDocument,
    "\n  subscription SocketHeartbeat {\n    heartbeat\n  }\n": typeof types.SocketHeartbeatDocument,
    "\n  query StaleMarkets {\n    markets {\n      symbol\n    }\n  }\n": typeof types.StaleMarketsDocument,
    "\n  subscription SubscriptionsOrderBook {\n    orderBook(market: \"ETH_USDT\") {\n      market\n      firstSequence\n      lastSequence\n      snapshot\n      bids {\n        price\n        amount\n      }\n      asks {\n        price\n        amount\n      }\n    }\n  }\n": typeof types.SubscriptionsOrderBookDocument,
    "\n  subscription SubscriptionsTrades {\n    trades(market: \"ETH_USDT\") {\n      market\n      price\n      amount\n      takerSide\n      sequence\n    }\n  }\n": typeof types.SubscriptionsTradesDocument,
    "\n  subscription SubscriptionsCandles {\n    candles(market: \"ETH_USDT\", interval: M1) {\n      close\n      volume\n      numberOfTrades\n    }\n  }\n": typeof types.SubscriptionsCandlesDocument,
    "\n  subscription SubscriptionsMyOrders {\n    myOrders {\n      id\n      status\n      filledAmount\n    }\n  }\n": typeof types.SubscriptionsMyOrdersDocument,
    "\n  subscription SubscriptionsMyWallets {\n    myWallets {\n      asset\n      available\n      locked\n    }\n  }\n": typeof types.SubscriptionsMyWalletsDocument,
    "\n  subscription SubscriptionsTradesOf($market: String!) {\n    trades(market: $market) {\n      id\n    }\n  }\n": typeof types.SubscriptionsTradesOfDocument,
    "\n  subscription SubscriptionsMyOrderIds {\n    myOrders {\n      id\n    }\n  }\n": typeof types.SubscriptionsMyOrderIdsDocument,
    "\n  query VerificationMe {\n    me {\n      id\n      verificationLevel\n      verificationLimits {\n        level\n        canTrade\n        canWithdraw\n        resetsAt\n        withdrawalLimits {\n          asset\n          dailyLimit\n          usedToday\n          remainingToday\n        }\n      }\n    }\n  }\n": typeof types.VerificationMeDocument,
    "\n  mutation VerificationSetLevel($userId: ID!, $level: Int!) {\n    setVerificationLevel(userId: $userId, level: $level) {\n      id\n      verificationLevel\n      verificationLimits {\n        canWithdraw\n      }\n    }\n  }\n": typeof types.VerificationSetLevelDocument,
    "\n  query WalletsLedgerPage($after: String) {\n    ledger(asset: \"ETH\", first: 2, after: $after) {\n      edges {\n        cursor\n        node {\n          availableDelta\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.WalletsLedgerPageDocument,
    "\n  query WalletsLedgerAssets {\n    ledger {\n      edges {\n        node {\n          asset\n        }\n      }\n    }\n  }\n": typeof types.WalletsLedgerAssetsDocument,
    "\n  query WalletsOfAnother {\n    wallets {\n      asset\n      available\n    }\n    ledger {\n      edges {\n        cursor\n      }\n    }\n  }\n": typeof types.WalletsOfAnotherDocument,
    "\n  mutation WithdrawalsRequest($input: RequestWithdrawalInput!) {\n    requestWithdrawal(input: $input) {\n      id\n      userId\n      asset\n      amount\n      fee\n      address\n      status\n      txid\n      reason\n      decidedAt\n    }\n  }\n": typeof types.WithdrawalsRequestDocument,
    "\n  mutation WithdrawalsApprove($id: ID!, $txid: String!) {\n    approveWithdrawal(id: $id, txid: $txid) {\n      id\n      status\n      txid\n      reason\n      decidedAt\n    }\n  }\n": typeof types.WithdrawalsApproveDocument,
    "\n  mutation WithdrawalsReject($id: ID!, $reason: String!) {\n    rejectWithdrawal(id: $id, reason: $reason) {\n      id\n      status\n      txid\n      reason\n      decidedAt\n    }\n  }\n": typeof types.WithdrawalsRejectDocument,
    "\n  mutation WithdrawalsSetLevel($userId: ID!, $level: Int!) {\n    setVerificationLevel(userId: $userId, level: $level) {\n      id\n      verificationLevel\n    }\n  }\n": typeof types.WithdrawalsSetLevelDocument,
    "\n  query WithdrawalsMine($first: Int, $after: String) {\n    withdrawals(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          amount\n          status\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.WithdrawalsMineDocument,
    "\n  query WithdrawalsAll($status: WithdrawalStatus, $first: Int, $after: String) {\n    adminWithdrawals(status: $status, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          userId\n          status\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.WithdrawalsAllDocument,
    "\n  query WithdrawalsUsedToday {\n    me {\n      verificationLimits {\n        withdrawalLimits {\n          asset\n          dailyLimit\n          usedToday\n          remainingToday\n          withdrawalFee\n        }\n      }\n    }\n  }\n": typeof types.WithdrawalsUsedTodayDocument,
    "\n  query WithdrawalsApiKeys {\n    apiKeys {\n      id\n      allowedIps\n    }\n  }\n": typeof types.WithdrawalsApiKeysDocument,
    "\n  mutation WithdrawalsCreateKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      apiKey {\n        id\n        allowedIps\n      }\n    }\n  }\n": typeof types.WithdrawalsCreateKeyDocument,
    "\n  subscription WithdrawalsMyWallets {\n    myWallets {\n      asset\n      available\n      locked\n    }\n  }\n": typeof types.WithdrawalsMyWalletsDocument,
    "\n  query WebMe {\n    me {\n      id\n      name\n      email\n    }\n  }\n": typeof types.WebMeDocument,
    "\n  fragment WebWallet on Wallet {\n    id\n    ...Balance\n    updatedAt\n  }\n": typeof types.WebWalletFragmentDoc,
    "\n  query WebWallets {\n    wallets {\n      ...WebWallet\n    }\n  }\n": typeof types.WebWalletsDocument,
    "\n  subscription WebMyWallets {\n    myWallets {\n      ...WebWallet\n    }\n  }\n": typeof types.WebMyWalletsDocument,
    "\n  query WebOrders($market: String, $status: [OrderStatus!], $first: Int) {\n    orders(market: $market, status: $status, first: $first) {\n      edges {\n        node {\n          ...OrderView\n        }\n      }\n    }\n  }\n": typeof types.WebOrdersDocument,
    "\n  subscription WebMyOrders {\n    myOrders {\n      ...OrderView\n    }\n  }\n": typeof types.WebMyOrdersDocument,
    "\n  mutation WebCancelOrder($id: ID!) {\n    cancelOrder(id: $id) {\n      ...OrderView\n    }\n  }\n": typeof types.WebCancelOrderDocument,
    "\n  fragment WebTrade on Trade {\n    id\n    sequence\n    price\n    amount\n    takerSide\n    executedAt\n  }\n": typeof types.WebTradeFragmentDoc,
    "\n  query WebTrades($market: String!, $limit: Int) {\n    trades(market: $market, limit: $limit) {\n      ...WebTrade\n    }\n  }\n": typeof types.WebTradesDocument,
    "\n  subscription WebTradeStream($market: String!, $after: String) {\n    trades(market: $market, after: $after) {\n      ...WebTrade\n    }\n  }\n": typeof types.WebTradeStreamDocument,
    "\n  subscription WebCandleStream($market: String!, $interval: CandleInterval!) {\n    candles(market: $market, interval: $interval) {\n      ...CandleFields\n    }\n  }\n": typeof types.WebCandleStreamDocument,
    "\n  subscription WebTicker($market: String!) {\n    ticker(market: $market) {\n      ...TickerFields\n    }\n  }\n": typeof types.WebTickerDocument,
};
const documents: Documents = {
    "\n  query BotTicker($market: String!) {\n    ticker(market: $market) {\n      last\n    }\n  }\n": types.BotTickerDocument,
    "\n  query MakerOrders($market: String!) {\n    orders(market: $market, status: [PENDING, OPEN, PARTIALLY_FILLED], first: 100) {\n      edges {\n        node {\n          id\n          side\n          price\n        }\n      }\n    }\n  }\n": types.MakerOrdersDocument,
    "\n  query BotMarkets {\n    markets {\n      symbol\n      base\n      quote\n      tickSize\n      lotSize\n      minNotional\n      priceBandPercent\n    }\n  }\n": types.BotMarketsDocument,
    "\n  fragment MarketFields on Market {\n    symbol\n    base\n    quote\n    status\n    tickSize\n    lotSize\n    minNotional\n    makerFee\n    takerFee\n    priceBandPercent\n  }\n": types.MarketFieldsFragmentDoc,
    "\n  fragment TickerFields on Ticker {\n    id\n    market\n    last\n    open\n    high\n    low\n    change\n    changePercent\n    volume\n    quoteVolume\n    numberOfTrades\n    openTime\n    closeTime\n    stale\n  }\n": types.TickerFieldsFragmentDoc,
    "\n  fragment CandleFields on Candle {\n    timestamp\n    open\n    high\n    low\n    close\n    volume\n    quoteAssetVolume\n    numberOfTrades\n  }\n": types.CandleFieldsFragmentDoc,
    "\n  query Tape($market: String!, $limit: Int, $before: String, $after: String) {\n    trades(market: $market, limit: $limit, before: $before, after: $after) {\n      id\n      market\n      sequence\n      price\n      amount\n      quoteAmount\n      takerSide\n      executedAt\n    }\n  }\n": types.TapeDocument,
    "\n  query Markets {\n    markets {\n      ...MarketFields\n    }\n  }\n": types.MarketsDocument,
    "\n  query MarketCandles(\n    $market: String!\n    $interval: CandleInterval!\n    $from: DateTime\n    $to: DateTime\n    $limit: Int\n  ) {\n    candles(market: $market, interval: $interval, from: $from, to: $to, limit: $limit) {\n      data {\n        ...CandleFields\n      }\n      stale\n    }\n  }\n": types.MarketCandlesDocument,
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      token\n      user {\n        id\n      }\n    }\n  }\n": types.RegisterDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      token\n      user {\n        id\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      token\n      user {\n        id\n      }\n    }\n  }\n": types.ChangePasswordDocument,
    "\n  query Me {\n    me {\n      id\n    }\n  }\n": types.MeDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n      }\n    }\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": types.RevokeApiKeyDocument,
    "\n  fragment Balance on Wallet {\n    asset\n    available\n    locked\n  }\n": types.BalanceFragmentDoc,
    "\n  mutation Deposit($asset: String!, $amount: Decimal!) {\n    deposit(input: { asset: $asset, amount: $amount }) {\n      ...Balance\n    }\n  }\n": types.DepositDocument,
    "\n  query Wallets {\n    wallets {\n      ...Balance\n    }\n  }\n": types.WalletsDocument,
    "\n  fragment OrderFields on Order {\n    id\n    status\n    side\n    type\n    price\n    amount\n    quoteAmount\n    filledAmount\n    filledQuoteAmount\n    averagePrice\n    lockedAmount\n    clientOrderId\n  }\n": types.OrderFieldsFragmentDoc,
    "\n  fragment OrderView on Order {\n    ...OrderFields\n    market\n    timeInForce\n    postOnly\n    cancelRequested\n    createdAt\n    updatedAt\n  }\n": types.OrderViewFragmentDoc,
    "\n  mutation PlaceOrder($input: PlaceOrderInput!) {\n    placeOrder(input: $input) {\n      ...OrderFields\n    }\n  }\n": types.PlaceOrderDocument,
    "\n  mutation PlaceOrderId($input: PlaceOrderInput!) {\n    placeOrder(input: $input) {\n      id\n    }\n  }\n": types.PlaceOrderIdDocument,
    "\n  mutation CancelOrder($id: ID!) {\n    cancelOrder(id: $id) {\n      id\n      status\n    }\n  }\n": types.CancelOrderDocument,
    "\n  mutation PlaceOrders($inputs: [PlaceOrderInput!]!) {\n    placeOrders(inputs: $inputs) {\n      ...OrderFields\n    }\n  }\n": types.PlaceOrdersDocument,
    "\n  mutation PlaceOrdersId($inputs: [PlaceOrderInput!]!) {\n    placeOrders(inputs: $inputs) {\n      id\n    }\n  }\n": types.PlaceOrdersIdDocument,
    "\n  mutation CancelOrders($ids: [ID!]!) {\n    cancelOrders(ids: $ids) {\n      id\n      status\n    }\n  }\n": types.CancelOrdersDocument,
    "\n  query Order($id: ID!) {\n    order(id: $id) {\n      ...OrderFields\n    }\n  }\n": types.OrderDocument,
    "\n  fragment BookLevels on OrderBook {\n    sequence\n    bids {\n      price\n      amount\n    }\n    asks {\n      price\n      amount\n    }\n  }\n": types.BookLevelsFragmentDoc,
    "\n  query OrderBook($market: String!, $depth: Int) {\n    orderBook(market: $market, depth: $depth) {\n      ...BookLevels\n    }\n  }\n": types.OrderBookDocument,
    "\n  subscription OrderBookUpdates($market: String!, $depth: Int) {\n    orderBook(market: $market, depth: $depth) {\n      market\n      firstSequence\n      lastSequence\n      snapshot\n      bids {\n        price\n        amount\n      }\n      asks {\n        price\n        amount\n      }\n      checksum\n    }\n  }\n": types.OrderBookUpdatesDocument,
    "\n  query McpMarkets {\n    markets {\n      ...MarketFields\n    }\n  }\n": types.McpMarketsDocument,
    "\n  query McpTicker($market: String!) {\n    ticker(market: $market) {\n      ...TickerFields\n    }\n  }\n": types.McpTickerDocument,
    "\n  query McpOrderBook($market: String!, $depth: Int) {\n    orderBook(market: $market, depth: $depth) {\n      market\n      ...BookLevels\n    }\n  }\n": types.McpOrderBookDocument,
    "\n  query McpBalances {\n    wallets {\n      ...Balance\n    }\n  }\n": types.McpBalancesDocument,
    "\n  query McpMyOrders($market: String, $status: [OrderStatus!], $first: Int, $after: String) {\n    orders(market: $market, status: $status, first: $first, after: $after) {\n      edges {\n        node {\n          ...OrderView\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.McpMyOrdersDocument,
    "\n  query McpMyTrades($market: String, $first: Int, $after: String) {\n    myTrades(market: $market, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          market\n          orderId\n          side\n          liquidity\n          price\n          amount\n          quoteAmount\n          fee\n          feeAsset\n          executedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.McpMyTradesDocument,
    "\n  query McpPreviewOrder($input: PlaceOrderInput!) {\n    previewOrder(input: $input) {\n      market\n      side\n      type\n      quoteAsset\n      notional\n      notionalUsdt\n      lockAsset\n      lockAmount\n      available\n      fundsSufficient\n      estimatedFillAmount\n      estimatedFillQuote\n      estimatedAveragePrice\n      levelsTaken\n      makerFeeRate\n      takerFeeRate\n      feeAsset\n      estimatedFee\n      dailyNotionalRemaining\n      dryRun\n    }\n  }\n": types.McpPreviewOrderDocument,
    "\n  mutation McpPlaceOrder($input: PlaceOrderInput!) {\n    placeOrder(input: $input) {\n      ...OrderView\n    }\n  }\n": types.McpPlaceOrderDocument,
    "\n  mutation McpCancelOrder($id: ID!) {\n    cancelOrder(id: $id) {\n      ...OrderView\n    }\n  }\n": types.McpCancelOrderDocument,
    "\n  mutation McpPlaceOrders($inputs: [PlaceOrderInput!]!) {\n    placeOrders(inputs: $inputs) {\n      ...OrderView\n    }\n  }\n": types.McpPlaceOrdersDocument,
    "\n  mutation McpCancelOrders($ids: [ID!]!) {\n    cancelOrders(ids: $ids) {\n      ...OrderView\n    }\n  }\n": types.McpCancelOrdersDocument,
    "\n  mutation McpRecordToolCall($input: AgentToolCallInput!) {\n    recordAgentToolCall(input: $input)\n  }\n": types.McpRecordToolCallDocument,
    "\n  mutation BenchFund {\n    a: deposit(input: { asset: \"BTC\", amount: \"1000\" }) {\n      asset\n    }\n    b: deposit(input: { asset: \"USDT\", amount: \"100000000\" }) {\n      asset\n    }\n  }\n": types.BenchFundDocument,
    "\n  query ScreenshotLastClose($market: String!) {\n    candles(market: $market, interval: M1, limit: 1) {\n      data {\n        close\n      }\n    }\n  }\n": types.ScreenshotLastCloseDocument,
    "\n  mutation ScreenshotPlace($input: PlaceOrderInput!) {\n    placeOrder(input: $input) {\n      id\n    }\n  }\n": types.ScreenshotPlaceDocument,
    "\n  mutation AdminCreateAsset($input: CreateAssetInput!) {\n    createAsset(input: $input) {\n      symbol\n      name\n      decimals\n      withdrawalFee\n    }\n  }\n": types.AdminCreateAssetDocument,
    "\n  mutation AdminCreateMarket($input: CreateMarketInput!) {\n    createMarket(input: $input) {\n      symbol\n      base\n      quote\n      tickSize\n      lotSize\n      minNotional\n      makerFee\n      takerFee\n      priceBandPercent\n      status\n    }\n  }\n": types.AdminCreateMarketDocument,
    "\n  mutation AdminUpdateMarket($input: UpdateMarketInput!) {\n    updateMarket(input: $input) {\n      symbol\n      makerFee\n      takerFee\n      minNotional\n      priceBandPercent\n    }\n  }\n": types.AdminUpdateMarketDocument,
    "\n  mutation AdminSetMarketStatus($market: String!, $status: MarketStatus!) {\n    setMarketStatus(market: $market, status: $status) {\n      symbol\n      status\n    }\n  }\n": types.AdminSetMarketStatusDocument,
    "\n  query AdminAuditLog($target: String, $first: Int, $after: String) {\n    auditLog(target: $target, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          actor {\n            id\n            email\n          }\n          action\n          target\n          before\n          after\n          at\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.AdminAuditLogDocument,
    "\n  query AdminMarkets {\n    markets {\n      symbol\n      status\n      takerFee\n    }\n  }\n": types.AdminMarketsDocument,
    "\n  query AdminMyTrades($market: String!) {\n    myTrades(market: $market) {\n      edges {\n        node {\n          orderId\n          liquidity\n          fee\n          feeAsset\n        }\n      }\n    }\n  }\n": types.AdminMyTradesDocument,
    "\n  query AdminMarketData($market: String!) {\n    ticker(market: $market) {\n      last\n      numberOfTrades\n    }\n    candles(market: $market, interval: M1) {\n      data {\n        close\n        numberOfTrades\n      }\n    }\n  }\n": types.AdminMarketDataDocument,
    "\n  query CacheIdMarkets {\n    markets {\n      id\n      symbol\n    }\n  }\n": types.CacheIdMarketsDocument,
    "\n  query CacheIdWallets {\n    wallets {\n      id\n      asset\n    }\n  }\n": types.CacheIdWalletsDocument,
    "\n  mutation CacheIdDeposit($asset: String!, $amount: Decimal!) {\n    deposit(input: { asset: $asset, amount: $amount }) {\n      id\n      asset\n    }\n  }\n": types.CacheIdDepositDocument,
    "\n  query CacheIdBook {\n    orderBook(market: \"BTC_USDT\", depth: 1) {\n      id\n      market\n    }\n  }\n": types.CacheIdBookDocument,
    "\n  mutation CancelRequested($id: ID!) {\n    cancelOrder(id: $id) {\n      id\n      status\n      cancelRequested\n    }\n  }\n": types.CancelRequestedDocument,
    "\n  query CancelRequestedOrder($id: ID!) {\n    order(id: $id) {\n      status\n      cancelRequested\n    }\n  }\n": types.CancelRequestedOrderDocument,
    "\n  query DemoMarketView($market: String!, $from: DateTime!) {\n    ticker(market: $market) {\n      last\n      numberOfTrades\n    }\n    trades(market: $market, limit: 20) {\n      id\n      price\n    }\n    candles(market: $market, interval: M1, from: $from, limit: 100) {\n      data {\n        timestamp\n        close\n      }\n    }\n  }\n": types.DemoMarketViewDocument,
    "\n  query ErrorsWalletsAndLedger($asset: String) {\n    wallets {\n      asset\n      available\n    }\n    ledger(asset: $asset) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.ErrorsWalletsAndLedgerDocument,
    "\n  query ErrorsLedgerPage($first: Int, $after: String) {\n    ledger(first: $first, after: $after) {\n      edges {\n        cursor\n      }\n    }\n  }\n": types.ErrorsLedgerPageDocument,
    "\n  query ErrorsApiKeys {\n    apiKeys {\n      id\n    }\n  }\n": types.ErrorsApiKeysDocument,
    "\n  query FeesMyFills($market: String, $first: Int, $after: String) {\n    myTrades(market: $market, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          tradeId\n          market\n          side\n          liquidity\n          price\n          amount\n          quoteAmount\n          fee\n          feeAsset\n          orderId\n          ledgerReference\n          executedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.FeesMyFillsDocument,
    "\n  query FeesLedger($asset: String) {\n    ledger(asset: $asset, first: 100) {\n      edges {\n        node {\n          reason\n          availableDelta\n          reference\n        }\n      }\n    }\n  }\n": types.FeesLedgerDocument,
    "\n  query FeeTiers {\n    feeTiers {\n      tier\n      minVolume\n      makerFee\n      takerFee\n    }\n  }\n": types.FeeTiersDocument,
    "\n  mutation SetFeeTiers($tiers: [FeeTierInput!]!) {\n    setFeeTiers(tiers: $tiers) {\n      tier\n      minVolume\n      makerFee\n      takerFee\n    }\n  }\n": types.SetFeeTiersDocument,
    "\n  query MyFeeTier {\n    me {\n      feeTier {\n        tier\n        makerFee\n        takerFee\n        volume30d\n      }\n    }\n  }\n": types.MyFeeTierDocument,
    "\n  mutation GuardrailsCreateKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n        guardrails {\n          maxOrderNotional\n          maxDailyNotional\n          allowedMarkets\n          dryRun\n          dailyNotionalUsed\n          dailyNotionalRemaining\n          resetsAt\n        }\n      }\n    }\n  }\n": types.GuardrailsCreateKeyDocument,
    "\n  mutation GuardrailsSet($id: ID!, $input: ApiKeyGuardrailsInput!) {\n    setApiKeyGuardrails(id: $id, input: $input) {\n      id\n      guardrails {\n        maxOrderNotional\n        maxDailyNotional\n        allowedMarkets\n        dryRun\n      }\n    }\n  }\n": types.GuardrailsSetDocument,
    "\n  query GuardrailsOfKeys {\n    apiKeys {\n      id\n      guardrails {\n        maxDailyNotional\n        dailyNotionalUsed\n        dailyNotionalRemaining\n      }\n    }\n  }\n": types.GuardrailsOfKeysDocument,
    "\n  query GuardrailsPreview($input: PlaceOrderInput!) {\n    previewOrder(input: $input) {\n      notional\n      notionalUsdt\n      quoteAsset\n      lockAsset\n      lockAmount\n      available\n      fundsSufficient\n      estimatedFillAmount\n      estimatedFillQuote\n      estimatedAveragePrice\n      levelsTaken\n      takerFeeRate\n      feeAsset\n      estimatedFee\n      dailyNotionalRemaining\n      dryRun\n    }\n  }\n": types.GuardrailsPreviewDocument,
    "\n  query GuardrailsMyOrders {\n    orders(first: 100) {\n      edges {\n        node {\n          id\n          status\n        }\n      }\n    }\n  }\n": types.GuardrailsMyOrdersDocument,
    "\n  query GuardrailsAudit($target: String!) {\n    auditLog(target: $target) {\n      edges {\n        node {\n          action\n          actor {\n            email\n          }\n          before\n          after\n        }\n      }\n    }\n  }\n": types.GuardrailsAuditDocument,
    "\n  query HostileFirstLedgerCursor {\n    ledger(first: 1) {\n      pageInfo {\n        endCursor\n      }\n    }\n  }\n": types.HostileFirstLedgerCursorDocument,
    "\n  query HostileLedgerAfter($after: String) {\n    ledger(after: $after) {\n      edges {\n        cursor\n      }\n    }\n  }\n": types.HostileLedgerAfterDocument,
    "\n  mutation LimitsPlaceOrder($input: PlaceOrderInput!) {\n    placeOrder(input: $input) {\n      id\n      status\n    }\n  }\n": types.LimitsPlaceOrderDocument,
    "\n  query Candles(\n    $market: String!\n    $interval: CandleInterval!\n    $from: DateTime\n    $to: DateTime\n    $limit: Int\n  ) {\n    candles(market: $market, interval: $interval, from: $from, to: $to, limit: $limit) {\n      stale\n      metadata {\n        exchange\n        symbol\n        interval\n        assetClass\n      }\n      data {\n        timestamp\n        open\n        high\n        low\n        close\n        volume\n        quoteAssetVolume\n        numberOfTrades\n      }\n    }\n  }\n": types.CandlesDocument,
    "\n  query Ticker($market: String!) {\n    ticker(market: $market) {\n      id\n      market\n      open\n      high\n      low\n      last\n      volume\n      quoteVolume\n      change\n      changePercent\n      numberOfTrades\n      openTime\n      closeTime\n      stale\n    }\n  }\n": types.TickerDocument,
    "\n  query MarketsMyTrades($market: String!) {\n    myTrades(market: $market) {\n      edges {\n        node {\n          orderId\n          liquidity\n          fee\n          feeAsset\n        }\n      }\n    }\n  }\n": types.MarketsMyTradesDocument,
    "\n  mutation McpTestCreateKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n      }\n    }\n  }\n": types.McpTestCreateKeyDocument,
    "\n  query McpTestAudit($target: String!) {\n    auditLog(target: $target, first: 100) {\n      edges {\n        node {\n          action\n          actor {\n            email\n          }\n          after\n        }\n      }\n    }\n  }\n": types.McpTestAuditDocument,
    "\n  mutation McpTestRecord($input: AgentToolCallInput!) {\n    recordAgentToolCall(input: $input)\n  }\n": types.McpTestRecordDocument,
    "\n  query NewcomerProfile {\n    me {\n      id\n      email\n      role\n      verificationLevel\n    }\n  }\n": types.NewcomerProfileDocument,
    "\n  query NewcomerLedger {\n    ledger {\n      edges {\n        node {\n          asset\n          reason\n          availableDelta\n          availableAfter\n          reference\n        }\n      }\n    }\n  }\n": types.NewcomerLedgerDocument,
    "\n  query NewcomerApiKeys {\n    apiKeys {\n      id\n      prefix\n      permissions\n      revokedAt\n    }\n  }\n": types.NewcomerApiKeysDocument,
    "\n  query NewcomerMarkets {\n    markets {\n      symbol\n      base\n      quote\n      tickSize\n      lotSize\n      minNotional\n      makerFee\n      takerFee\n      status\n    }\n  }\n": types.NewcomerMarketsDocument,
    "\n  subscription OrderBookWindow($market: String!, $depth: Int) {\n    orderBook(market: $market, depth: $depth) {\n      firstSequence\n      lastSequence\n      snapshot\n      checksum\n      bids {\n        price\n        amount\n      }\n      asks {\n        price\n        amount\n      }\n    }\n  }\n": types.OrderBookWindowDocument,
    "\n  subscription TickerUpdates($market: String!) {\n    ticker(market: $market) {\n      market\n      last\n      volume\n      numberOfTrades\n    }\n  }\n": types.TickerUpdatesDocument,
    "\n  query OrdersMyTrades($market: String!) {\n    myTrades(market: $market) {\n      edges {\n        node {\n          side\n          liquidity\n          price\n          amount\n          quoteAmount\n          fee\n          feeAsset\n          orderId\n          sequence\n        }\n      }\n    }\n  }\n": types.OrdersMyTradesDocument,
    "\n  query OrdersTape($market: String!, $limit: Int) {\n    trades(market: $market, limit: $limit) {\n      sequence\n      price\n      amount\n      takerSide\n    }\n  }\n": types.OrdersTapeDocument,
    "\n  query OrdersLedger($asset: String) {\n    ledger(asset: $asset) {\n      edges {\n        node {\n          reason\n          availableDelta\n          lockedDelta\n        }\n      }\n    }\n  }\n": types.OrdersLedgerDocument,
    "\n  query OrdersPage($market: String, $status: [OrderStatus!], $first: Int, $after: String) {\n    orders(market: $market, status: $status, first: $first, after: $after) {\n      edges {\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.OrdersPageDocument,
    "\n  query RateLimits {\n    rateLimits {\n      scope\n      used\n      limit\n      resetSeconds\n    }\n  }\n": types.RateLimitsDocument,
    "\n  query ResilienceOrderLock($id: ID!) {\n    order(id: $id) {\n      status\n      lockedAmount\n    }\n  }\n": types.ResilienceOrderLockDocument,
    "\n  query SecurityEverything {\n    me {\n      id\n      name\n      email\n      role\n      verificationLevel\n      createdAt\n    }\n    wallets {\n      asset\n      available\n      locked\n      updatedAt\n    }\n    ledger {\n      edges {\n        cursor\n        node {\n          id\n          reference\n        }\n      }\n    }\n  }\n": types.SecurityEverythingDocument,
    "\n  query SecurityKeys {\n    apiKeys {\n      id\n      name\n      prefix\n      permissions\n      createdAt\n      lastUsedAt\n      revokedAt\n    }\n  }\n": types.SecurityKeysDocument,
    "\n  query SecurityFields {\n    __schema {\n      types {\n        name\n        fields {\n          name\n        }\n      }\n    }\n  }\n": types.SecurityFieldsDocument,
    "\n  query ServerMarkets {\n    markets {\n      symbol\n    }\n  }\n": types.ServerMarketsDocument,
    "\n  subscription ServerHeartbeat($intervalSeconds: Int) {\n    heartbeat(intervalSeconds: $intervalSeconds)\n  }\n": types.ServerHeartbeatDocument,
    "\n  mutation CreateSignedKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n        signed\n        publicKey\n      }\n    }\n  }\n": types.CreateSignedKeyDocument,
    "\n  query SignedKeys {\n    apiKeys {\n      id\n      signed\n      publicKey\n    }\n  }\n": types.SignedKeysDocument,
    "\n  subscription SocketMyWallets {\n    myWallets {\n      asset\n      available\n    }\n  }\n": types.SocketMyWalletsDocument,
    "\n  subscription SocketMyOrders {\n    myOrders {\n      id\n      status\n    }\n  }\n": types.SocketMyOrdersDocument,
    "\n  subscription SocketHeartbeat {\n    heartbeat\n  }\n": types.SocketHeartbeatDocument,
    "\n  query StaleMarkets {\n    markets {\n      symbol\n    }\n  }\n": types.StaleMarketsDocument,
    "\n  subscription SubscriptionsOrderBook {\n    orderBook(market: \"ETH_USDT\") {\n      market\n      firstSequence\n      lastSequence\n      snapshot\n      bids {\n        price\n        amount\n      }\n      asks {\n        price\n        amount\n      }\n    }\n  }\n": types.SubscriptionsOrderBookDocument,
    "\n  subscription SubscriptionsTrades {\n    trades(market: \"ETH_USDT\") {\n      market\n      price\n      amount\n      takerSide\n      sequence\n    }\n  }\n": types.SubscriptionsTradesDocument,
    "\n  subscription SubscriptionsCandles {\n    candles(market: \"ETH_USDT\", interval: M1) {\n      close\n      volume\n      numberOfTrades\n    }\n  }\n": types.SubscriptionsCandlesDocument,
    "\n  subscription SubscriptionsMyOrders {\n    myOrders {\n      id\n      status\n      filledAmount\n    }\n  }\n": types.SubscriptionsMyOrdersDocument,
    "\n  subscription SubscriptionsMyWallets {\n    myWallets {\n      asset\n      available\n      locked\n    }\n  }\n": types.SubscriptionsMyWalletsDocument,
    "\n  subscription SubscriptionsTradesOf($market: String!) {\n    trades(market: $market) {\n      id\n    }\n  }\n": types.SubscriptionsTradesOfDocument,
    "\n  subscription SubscriptionsMyOrderIds {\n    myOrders {\n      id\n    }\n  }\n": types.SubscriptionsMyOrderIdsDocument,
    "\n  query VerificationMe {\n    me {\n      id\n      verificationLevel\n      verificationLimits {\n        level\n        canTrade\n        canWithdraw\n        resetsAt\n        withdrawalLimits {\n          asset\n          dailyLimit\n          usedToday\n          remainingToday\n        }\n      }\n    }\n  }\n": types.VerificationMeDocument,
    "\n  mutation VerificationSetLevel($userId: ID!, $level: Int!) {\n    setVerificationLevel(userId: $userId, level: $level) {\n      id\n      verificationLevel\n      verificationLimits {\n        canWithdraw\n      }\n    }\n  }\n": types.VerificationSetLevelDocument,
    "\n  query WalletsLedgerPage($after: String) {\n    ledger(asset: \"ETH\", first: 2, after: $after) {\n      edges {\n        cursor\n        node {\n          availableDelta\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.WalletsLedgerPageDocument,
    "\n  query WalletsLedgerAssets {\n    ledger {\n      edges {\n        node {\n          asset\n        }\n      }\n    }\n  }\n": types.WalletsLedgerAssetsDocument,
    "\n  query WalletsOfAnother {\n    wallets {\n      asset\n      available\n    }\n    ledger {\n      edges {\n        cursor\n      }\n    }\n  }\n": types.WalletsOfAnotherDocument,
    "\n  mutation WithdrawalsRequest($input: RequestWithdrawalInput!) {\n    requestWithdrawal(input: $input) {\n      id\n      userId\n      asset\n      amount\n      fee\n      address\n      status\n      txid\n      reason\n      decidedAt\n    }\n  }\n": types.WithdrawalsRequestDocument,
    "\n  mutation WithdrawalsApprove($id: ID!, $txid: String!) {\n    approveWithdrawal(id: $id, txid: $txid) {\n      id\n      status\n      txid\n      reason\n      decidedAt\n    }\n  }\n": types.WithdrawalsApproveDocument,
    "\n  mutation WithdrawalsReject($id: ID!, $reason: String!) {\n    rejectWithdrawal(id: $id, reason: $reason) {\n      id\n      status\n      txid\n      reason\n      decidedAt\n    }\n  }\n": types.WithdrawalsRejectDocument,
    "\n  mutation WithdrawalsSetLevel($userId: ID!, $level: Int!) {\n    setVerificationLevel(userId: $userId, level: $level) {\n      id\n      verificationLevel\n    }\n  }\n": types.WithdrawalsSetLevelDocument,
    "\n  query WithdrawalsMine($first: Int, $after: String) {\n    withdrawals(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          amount\n          status\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.WithdrawalsMineDocument,
    "\n  query WithdrawalsAll($status: WithdrawalStatus, $first: Int, $after: String) {\n    adminWithdrawals(status: $status, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          userId\n          status\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.WithdrawalsAllDocument,
    "\n  query WithdrawalsUsedToday {\n    me {\n      verificationLimits {\n        withdrawalLimits {\n          asset\n          dailyLimit\n          usedToday\n          remainingToday\n          withdrawalFee\n        }\n      }\n    }\n  }\n": types.WithdrawalsUsedTodayDocument,
    "\n  query WithdrawalsApiKeys {\n    apiKeys {\n      id\n      allowedIps\n    }\n  }\n": types.WithdrawalsApiKeysDocument,
    "\n  mutation WithdrawalsCreateKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      apiKey {\n        id\n        allowedIps\n      }\n    }\n  }\n": types.WithdrawalsCreateKeyDocument,
    "\n  subscription WithdrawalsMyWallets {\n    myWallets {\n      asset\n      available\n      locked\n    }\n  }\n": types.WithdrawalsMyWalletsDocument,
    "\n  query WebMe {\n    me {\n      id\n      name\n      email\n    }\n  }\n": types.WebMeDocument,
    "\n  fragment WebWallet on Wallet {\n    id\n    ...Balance\n    updatedAt\n  }\n": types.WebWalletFragmentDoc,
    "\n  query WebWallets {\n    wallets {\n      ...WebWallet\n    }\n  }\n": types.WebWalletsDocument,
    "\n  subscription WebMyWallets {\n    myWallets {\n      ...WebWallet\n    }\n  }\n": types.WebMyWalletsDocument,
    "\n  query WebOrders($market: String, $status: [OrderStatus!], $first: Int) {\n    orders(market: $market, status: $status, first: $first) {\n      edges {\n        node {\n          ...OrderView\n        }\n      }\n    }\n  }\n": types.WebOrdersDocument,
    "\n  subscription WebMyOrders {\n    myOrders {\n      ...OrderView\n    }\n  }\n": types.WebMyOrdersDocument,
    "\n  mutation WebCancelOrder($id: ID!) {\n    cancelOrder(id: $id) {\n      ...OrderView\n    }\n  }\n": types.WebCancelOrderDocument,
    "\n  fragment WebTrade on Trade {\n    id\n    sequence\n    price\n    amount\n    takerSide\n    executedAt\n  }\n": types.WebTradeFragmentDoc,
    "\n  query WebTrades($market: String!, $limit: Int) {\n    trades(market: $market, limit: $limit) {\n      ...WebTrade\n    }\n  }\n": types.WebTradesDocument,
    "\n  subscription WebTradeStream($market: String!, $after: String) {\n    trades(market: $market, after: $after) {\n      ...WebTrade\n    }\n  }\n": types.WebTradeStreamDocument,
    "\n  subscription WebCandleStream($market: String!, $interval: CandleInterval!) {\n    candles(market: $market, interval: $interval) {\n      ...CandleFields\n    }\n  }\n": types.WebCandleStreamDocument,
    "\n  subscription WebTicker($market: String!) {\n    ticker(market: $market) {\n      ...TickerFields\n    }\n  }\n": types.WebTickerDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BotTicker($market: String!) {\n    ticker(market: $market) {\n      last\n    }\n  }\n"): typeof import('./graphql.ts').BotTickerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MakerOrders($market: String!) {\n    orders(market: $market, status: [PENDING, OPEN, PARTIALLY_FILLED], first: 100) {\n      edges {\n        node {\n          id\n          side\n          price\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.ts').MakerOrdersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BotMarkets {\n    markets {\n      symbol\n      base\n      quote\n      tickSize\n      lotSize\n      minNotional\n      priceBandPercent\n    }\n  }\n"): typeof import('./graphql.ts').BotMarketsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MarketFields on Market {\n    symbol\n    base\n    quote\n    status\n    tickSize\n    lotSize\n    minNotional\n    makerFee\n    takerFee\n    priceBandPercent\n  }\n"): typeof import('./graphql.ts').MarketFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TickerFields on Ticker {\n    id\n    market\n    last\n    open\n    high\n    low\n    change\n    changePercent\n    volume\n    quoteVolume\n    numberOfTrades\n    openTime\n    closeTime\n    stale\n  }\n"): typeof import('./graphql.ts').TickerFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CandleFields on Candle {\n    timestamp\n    open\n    high\n    low\n    close\n    volume\n    quoteAssetVolume\n    numberOfTrades\n  }\n"): typeof import('./graphql.ts').CandleFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Tape($market: String!, $limit: Int, $before: String, $after: String) {\n    trades(market: $market, limit: $limit, before: $before, after: $after) {\n      id\n      market\n      sequence\n      price\n      amount\n      quoteAmount\n      takerSide\n      executedAt\n    }\n  }\n"): typeof import('./graphql.ts').TapeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Markets {\n    markets {\n      ...MarketFields\n    }\n  }\n"): typeof import('./graphql.ts').MarketsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MarketCandles(\n    $market: String!\n    $interval: CandleInterval!\n    $from: DateTime\n    $to: DateTime\n    $limit: Int\n  ) {\n    candles(market: $market, interval: $interval, from: $from, to: $to, limit: $limit) {\n      data {\n        ...CandleFields\n      }\n      stale\n    }\n  }\n"): typeof import('./graphql.ts').MarketCandlesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      token\n      user {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql.ts').RegisterDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      token\n      user {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql.ts').LoginDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      token\n      user {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql.ts').ChangePasswordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n    }\n  }\n"): typeof import('./graphql.ts').MeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql.ts').CreateApiKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      revokedAt\n    }\n  }\n"): typeof import('./graphql.ts').RevokeApiKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment Balance on Wallet {\n    asset\n    available\n    locked\n  }\n"): typeof import('./graphql.ts').BalanceFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Deposit($asset: String!, $amount: Decimal!) {\n    deposit(input: { asset: $asset, amount: $amount }) {\n      ...Balance\n    }\n  }\n"): typeof import('./graphql.ts').DepositDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Wallets {\n    wallets {\n      ...Balance\n    }\n  }\n"): typeof import('./graphql.ts').WalletsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OrderFields on Order {\n    id\n    status\n    side\n    type\n    price\n    amount\n    quoteAmount\n    filledAmount\n    filledQuoteAmount\n    averagePrice\n    lockedAmount\n    clientOrderId\n  }\n"): typeof import('./graphql.ts').OrderFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OrderView on Order {\n    ...OrderFields\n    market\n    timeInForce\n    postOnly\n    cancelRequested\n    createdAt\n    updatedAt\n  }\n"): typeof import('./graphql.ts').OrderViewFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PlaceOrder($input: PlaceOrderInput!) {\n    placeOrder(input: $input) {\n      ...OrderFields\n    }\n  }\n"): typeof import('./graphql.ts').PlaceOrderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PlaceOrderId($input: PlaceOrderInput!) {\n    placeOrder(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql.ts').PlaceOrderIdDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelOrder($id: ID!) {\n    cancelOrder(id: $id) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql.ts').CancelOrderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PlaceOrders($inputs: [PlaceOrderInput!]!) {\n    placeOrders(inputs: $inputs) {\n      ...OrderFields\n    }\n  }\n"): typeof import('./graphql.ts').PlaceOrdersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PlaceOrdersId($inputs: [PlaceOrderInput!]!) {\n    placeOrders(inputs: $inputs) {\n      id\n    }\n  }\n"): typeof import('./graphql.ts').PlaceOrdersIdDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelOrders($ids: [ID!]!) {\n    cancelOrders(ids: $ids) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql.ts').CancelOrdersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Order($id: ID!) {\n    order(id: $id) {\n      ...OrderFields\n    }\n  }\n"): typeof import('./graphql.ts').OrderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BookLevels on OrderBook {\n    sequence\n    bids {\n      price\n      amount\n    }\n    asks {\n      price\n      amount\n    }\n  }\n"): typeof import('./graphql.ts').BookLevelsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrderBook($market: String!, $depth: Int) {\n    orderBook(market: $market, depth: $depth) {\n      ...BookLevels\n    }\n  }\n"): typeof import('./graphql.ts').OrderBookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OrderBookUpdates($market: String!, $depth: Int) {\n    orderBook(market: $market, depth: $depth) {\n      market\n      firstSequence\n      lastSequence\n      snapshot\n      bids {\n        price\n        amount\n      }\n      asks {\n        price\n        amount\n      }\n      checksum\n    }\n  }\n"): typeof import('./graphql.ts').OrderBookUpdatesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query McpMarkets {\n    markets {\n      ...MarketFields\n    }\n  }\n"): typeof import('./graphql.ts').McpMarketsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query McpTicker($market: String!) {\n    ticker(market: $market) {\n      ...TickerFields\n    }\n  }\n"): typeof import('./graphql.ts').McpTickerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query McpOrderBook($market: String!, $depth: Int) {\n    orderBook(market: $market, depth: $depth) {\n      market\n      ...BookLevels\n    }\n  }\n"): typeof import('./graphql.ts').McpOrderBookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query McpBalances {\n    wallets {\n      ...Balance\n    }\n  }\n"): typeof import('./graphql.ts').McpBalancesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query McpMyOrders($market: String, $status: [OrderStatus!], $first: Int, $after: String) {\n    orders(market: $market, status: $status, first: $first, after: $after) {\n      edges {\n        node {\n          ...OrderView\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql.ts').McpMyOrdersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query McpMyTrades($market: String, $first: Int, $after: String) {\n    myTrades(market: $market, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          market\n          orderId\n          side\n          liquidity\n          price\n          amount\n          quoteAmount\n          fee\n          feeAsset\n          executedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql.ts').McpMyTradesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query McpPreviewOrder($input: PlaceOrderInput!) {\n    previewOrder(input: $input) {\n      market\n      side\n      type\n      quoteAsset\n      notional\n      notionalUsdt\n      lockAsset\n      lockAmount\n      available\n      fundsSufficient\n      estimatedFillAmount\n      estimatedFillQuote\n      estimatedAveragePrice\n      levelsTaken\n      makerFeeRate\n      takerFeeRate\n      feeAsset\n      estimatedFee\n      dailyNotionalRemaining\n      dryRun\n    }\n  }\n"): typeof import('./graphql.ts').McpPreviewOrderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation McpPlaceOrder($input: PlaceOrderInput!) {\n    placeOrder(input: $input) {\n      ...OrderView\n    }\n  }\n"): typeof import('./graphql.ts').McpPlaceOrderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation McpCancelOrder($id: ID!) {\n    cancelOrder(id: $id) {\n      ...OrderView\n    }\n  }\n"): typeof import('./graphql.ts').McpCancelOrderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation McpPlaceOrders($inputs: [PlaceOrderInput!]!) {\n    placeOrders(inputs: $inputs) {\n      ...OrderView\n    }\n  }\n"): typeof import('./graphql.ts').McpPlaceOrdersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation McpCancelOrders($ids: [ID!]!) {\n    cancelOrders(ids: $ids) {\n      ...OrderView\n    }\n  }\n"): typeof import('./graphql.ts').McpCancelOrdersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation McpRecordToolCall($input: AgentToolCallInput!) {\n    recordAgentToolCall(input: $input)\n  }\n"): typeof import('./graphql.ts').McpRecordToolCallDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BenchFund {\n    a: deposit(input: { asset: \"BTC\", amount: \"1000\" }) {\n      asset\n    }\n    b: deposit(input: { asset: \"USDT\", amount: \"100000000\" }) {\n      asset\n    }\n  }\n"): typeof import('./graphql.ts').BenchFundDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScreenshotLastClose($market: String!) {\n    candles(market: $market, interval: M1, limit: 1) {\n      data {\n        close\n      }\n    }\n  }\n"): typeof import('./graphql.ts').ScreenshotLastCloseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScreenshotPlace($input: PlaceOrderInput!) {\n    placeOrder(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql.ts').ScreenshotPlaceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCreateAsset($input: CreateAssetInput!) {\n    createAsset(input: $input) {\n      symbol\n      name\n      decimals\n      withdrawalFee\n    }\n  }\n"): typeof import('./graphql.ts').AdminCreateAssetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCreateMarket($input: CreateMarketInput!) {\n    createMarket(input: $input) {\n      symbol\n      base\n      quote\n      tickSize\n      lotSize\n      minNotional\n      makerFee\n      takerFee\n      priceBandPercent\n      status\n    }\n  }\n"): typeof import('./graphql.ts').AdminCreateMarketDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminUpdateMarket($input: UpdateMarketInput!) {\n    updateMarket(input: $input) {\n      symbol\n      makerFee\n      takerFee\n      minNotional\n      priceBandPercent\n    }\n  }\n"): typeof import('./graphql.ts').AdminUpdateMarketDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminSetMarketStatus($market: String!, $status: MarketStatus!) {\n    setMarketStatus(market: $market, status: $status) {\n      symbol\n      status\n    }\n  }\n"): typeof import('./graphql.ts').AdminSetMarketStatusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminAuditLog($target: String, $first: Int, $after: String) {\n    auditLog(target: $target, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          actor {\n            id\n            email\n          }\n          action\n          target\n          before\n          after\n          at\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql.ts').AdminAuditLogDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminMarkets {\n    markets {\n      symbol\n      status\n      takerFee\n    }\n  }\n"): typeof import('./graphql.ts').AdminMarketsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminMyTrades($market: String!) {\n    myTrades(market: $market) {\n      edges {\n        node {\n          orderId\n          liquidity\n          fee\n          feeAsset\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.ts').AdminMyTradesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminMarketData($market: String!) {\n    ticker(market: $market) {\n      last\n      numberOfTrades\n    }\n    candles(market: $market, interval: M1) {\n      data {\n        close\n        numberOfTrades\n      }\n    }\n  }\n"): typeof import('./graphql.ts').AdminMarketDataDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CacheIdMarkets {\n    markets {\n      id\n      symbol\n    }\n  }\n"): typeof import('./graphql.ts').CacheIdMarketsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CacheIdWallets {\n    wallets {\n      id\n      asset\n    }\n  }\n"): typeof import('./graphql.ts').CacheIdWalletsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CacheIdDeposit($asset: String!, $amount: Decimal!) {\n    deposit(input: { asset: $asset, amount: $amount }) {\n      id\n      asset\n    }\n  }\n"): typeof import('./graphql.ts').CacheIdDepositDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CacheIdBook {\n    orderBook(market: \"BTC_USDT\", depth: 1) {\n      id\n      market\n    }\n  }\n"): typeof import('./graphql.ts').CacheIdBookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelRequested($id: ID!) {\n    cancelOrder(id: $id) {\n      id\n      status\n      cancelRequested\n    }\n  }\n"): typeof import('./graphql.ts').CancelRequestedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CancelRequestedOrder($id: ID!) {\n    order(id: $id) {\n      status\n      cancelRequested\n    }\n  }\n"): typeof import('./graphql.ts').CancelRequestedOrderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DemoMarketView($market: String!, $from: DateTime!) {\n    ticker(market: $market) {\n      last\n      numberOfTrades\n    }\n    trades(market: $market, limit: 20) {\n      id\n      price\n    }\n    candles(market: $market, interval: M1, from: $from, limit: 100) {\n      data {\n        timestamp\n        close\n      }\n    }\n  }\n"): typeof import('./graphql.ts').DemoMarketViewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ErrorsWalletsAndLedger($asset: String) {\n    wallets {\n      asset\n      available\n    }\n    ledger(asset: $asset) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.ts').ErrorsWalletsAndLedgerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ErrorsLedgerPage($first: Int, $after: String) {\n    ledger(first: $first, after: $after) {\n      edges {\n        cursor\n      }\n    }\n  }\n"): typeof import('./graphql.ts').ErrorsLedgerPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ErrorsApiKeys {\n    apiKeys {\n      id\n    }\n  }\n"): typeof import('./graphql.ts').ErrorsApiKeysDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FeesMyFills($market: String, $first: Int, $after: String) {\n    myTrades(market: $market, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          tradeId\n          market\n          side\n          liquidity\n          price\n          amount\n          quoteAmount\n          fee\n          feeAsset\n          orderId\n          ledgerReference\n          executedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql.ts').FeesMyFillsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FeesLedger($asset: String) {\n    ledger(asset: $asset, first: 100) {\n      edges {\n        node {\n          reason\n          availableDelta\n          reference\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.ts').FeesLedgerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FeeTiers {\n    feeTiers {\n      tier\n      minVolume\n      makerFee\n      takerFee\n    }\n  }\n"): typeof import('./graphql.ts').FeeTiersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetFeeTiers($tiers: [FeeTierInput!]!) {\n    setFeeTiers(tiers: $tiers) {\n      tier\n      minVolume\n      makerFee\n      takerFee\n    }\n  }\n"): typeof import('./graphql.ts').SetFeeTiersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyFeeTier {\n    me {\n      feeTier {\n        tier\n        makerFee\n        takerFee\n        volume30d\n      }\n    }\n  }\n"): typeof import('./graphql.ts').MyFeeTierDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GuardrailsCreateKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n        guardrails {\n          maxOrderNotional\n          maxDailyNotional\n          allowedMarkets\n          dryRun\n          dailyNotionalUsed\n          dailyNotionalRemaining\n          resetsAt\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.ts').GuardrailsCreateKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GuardrailsSet($id: ID!, $input: ApiKeyGuardrailsInput!) {\n    setApiKeyGuardrails(id: $id, input: $input) {\n      id\n      guardrails {\n        maxOrderNotional\n        maxDailyNotional\n        allowedMarkets\n        dryRun\n      }\n    }\n  }\n"): typeof import('./graphql.ts').GuardrailsSetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GuardrailsOfKeys {\n    apiKeys {\n      id\n      guardrails {\n        maxDailyNotional\n        dailyNotionalUsed\n        dailyNotionalRemaining\n      }\n    }\n  }\n"): typeof import('./graphql.ts').GuardrailsOfKeysDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GuardrailsPreview($input: PlaceOrderInput!) {\n    previewOrder(input: $input) {\n      notional\n      notionalUsdt\n      quoteAsset\n      lockAsset\n      lockAmount\n      available\n      fundsSufficient\n      estimatedFillAmount\n      estimatedFillQuote\n      estimatedAveragePrice\n      levelsTaken\n      takerFeeRate\n      feeAsset\n      estimatedFee\n      dailyNotionalRemaining\n      dryRun\n    }\n  }\n"): typeof import('./graphql.ts').GuardrailsPreviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GuardrailsMyOrders {\n    orders(first: 100) {\n      edges {\n        node {\n          id\n          status\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.ts').GuardrailsMyOrdersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GuardrailsAudit($target: String!) {\n    auditLog(target: $target) {\n      edges {\n        node {\n          action\n          actor {\n            email\n          }\n          before\n          after\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.ts').GuardrailsAuditDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HostileFirstLedgerCursor {\n    ledger(first: 1) {\n      pageInfo {\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql.ts').HostileFirstLedgerCursorDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HostileLedgerAfter($after: String) {\n    ledger(after: $after) {\n      edges {\n        cursor\n      }\n    }\n  }\n"): typeof import('./graphql.ts').HostileLedgerAfterDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LimitsPlaceOrder($input: PlaceOrderInput!) {\n    placeOrder(input: $input) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql.ts').LimitsPlaceOrderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Candles(\n    $market: String!\n    $interval: CandleInterval!\n    $from: DateTime\n    $to: DateTime\n    $limit: Int\n  ) {\n    candles(market: $market, interval: $interval, from: $from, to: $to, limit: $limit) {\n      stale\n      metadata {\n        exchange\n        symbol\n        interval\n        assetClass\n      }\n      data {\n        timestamp\n        open\n        high\n        low\n        close\n        volume\n        quoteAssetVolume\n        numberOfTrades\n      }\n    }\n  }\n"): typeof import('./graphql.ts').CandlesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Ticker($market: String!) {\n    ticker(market: $market) {\n      id\n      market\n      open\n      high\n      low\n      last\n      volume\n      quoteVolume\n      change\n      changePercent\n      numberOfTrades\n      openTime\n      closeTime\n      stale\n    }\n  }\n"): typeof import('./graphql.ts').TickerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MarketsMyTrades($market: String!) {\n    myTrades(market: $market) {\n      edges {\n        node {\n          orderId\n          liquidity\n          fee\n          feeAsset\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.ts').MarketsMyTradesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation McpTestCreateKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql.ts').McpTestCreateKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query McpTestAudit($target: String!) {\n    auditLog(target: $target, first: 100) {\n      edges {\n        node {\n          action\n          actor {\n            email\n          }\n          after\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.ts').McpTestAuditDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation McpTestRecord($input: AgentToolCallInput!) {\n    recordAgentToolCall(input: $input)\n  }\n"): typeof import('./graphql.ts').McpTestRecordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NewcomerProfile {\n    me {\n      id\n      email\n      role\n      verificationLevel\n    }\n  }\n"): typeof import('./graphql.ts').NewcomerProfileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NewcomerLedger {\n    ledger {\n      edges {\n        node {\n          asset\n          reason\n          availableDelta\n          availableAfter\n          reference\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.ts').NewcomerLedgerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NewcomerApiKeys {\n    apiKeys {\n      id\n      prefix\n      permissions\n      revokedAt\n    }\n  }\n"): typeof import('./graphql.ts').NewcomerApiKeysDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NewcomerMarkets {\n    markets {\n      symbol\n      base\n      quote\n      tickSize\n      lotSize\n      minNotional\n      makerFee\n      takerFee\n      status\n    }\n  }\n"): typeof import('./graphql.ts').NewcomerMarketsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OrderBookWindow($market: String!, $depth: Int) {\n    orderBook(market: $market, depth: $depth) {\n      firstSequence\n      lastSequence\n      snapshot\n      checksum\n      bids {\n        price\n        amount\n      }\n      asks {\n        price\n        amount\n      }\n    }\n  }\n"): typeof import('./graphql.ts').OrderBookWindowDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription TickerUpdates($market: String!) {\n    ticker(market: $market) {\n      market\n      last\n      volume\n      numberOfTrades\n    }\n  }\n"): typeof import('./graphql.ts').TickerUpdatesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrdersMyTrades($market: String!) {\n    myTrades(market: $market) {\n      edges {\n        node {\n          side\n          liquidity\n          price\n          amount\n          quoteAmount\n          fee\n          feeAsset\n          orderId\n          sequence\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.ts').OrdersMyTradesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrdersTape($market: String!, $limit: Int) {\n    trades(market: $market, limit: $limit) {\n      sequence\n      price\n      amount\n      takerSide\n    }\n  }\n"): typeof import('./graphql.ts').OrdersTapeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrdersLedger($asset: String) {\n    ledger(asset: $asset) {\n      edges {\n        node {\n          reason\n          availableDelta\n          lockedDelta\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.ts').OrdersLedgerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrdersPage($market: String, $status: [OrderStatus!], $first: Int, $after: String) {\n    orders(market: $market, status: $status, first: $first, after: $after) {\n      edges {\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql.ts').OrdersPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RateLimits {\n    rateLimits {\n      scope\n      used\n      limit\n      resetSeconds\n    }\n  }\n"): typeof import('./graphql.ts').RateLimitsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ResilienceOrderLock($id: ID!) {\n    order(id: $id) {\n      status\n      lockedAmount\n    }\n  }\n"): typeof import('./graphql.ts').ResilienceOrderLockDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SecurityEverything {\n    me {\n      id\n      name\n      email\n      role\n      verificationLevel\n      createdAt\n    }\n    wallets {\n      asset\n      available\n      locked\n      updatedAt\n    }\n    ledger {\n      edges {\n        cursor\n        node {\n          id\n          reference\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.ts').SecurityEverythingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SecurityKeys {\n    apiKeys {\n      id\n      name\n      prefix\n      permissions\n      createdAt\n      lastUsedAt\n      revokedAt\n    }\n  }\n"): typeof import('./graphql.ts').SecurityKeysDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SecurityFields {\n    __schema {\n      types {\n        name\n        fields {\n          name\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.ts').SecurityFieldsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ServerMarkets {\n    markets {\n      symbol\n    }\n  }\n"): typeof import('./graphql.ts').ServerMarketsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ServerHeartbeat($intervalSeconds: Int) {\n    heartbeat(intervalSeconds: $intervalSeconds)\n  }\n"): typeof import('./graphql.ts').ServerHeartbeatDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSignedKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n        signed\n        publicKey\n      }\n    }\n  }\n"): typeof import('./graphql.ts').CreateSignedKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SignedKeys {\n    apiKeys {\n      id\n      signed\n      publicKey\n    }\n  }\n"): typeof import('./graphql.ts').SignedKeysDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SocketMyWallets {\n    myWallets {\n      asset\n      available\n    }\n  }\n"): typeof import('./graphql.ts').SocketMyWalletsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SocketMyOrders {\n    myOrders {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql.ts').SocketMyOrdersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SocketHeartbeat {\n    heartbeat\n  }\n"): typeof import('./graphql.ts').SocketHeartbeatDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StaleMarkets {\n    markets {\n      symbol\n    }\n  }\n"): typeof import('./graphql.ts').StaleMarketsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SubscriptionsOrderBook {\n    orderBook(market: \"ETH_USDT\") {\n      market\n      firstSequence\n      lastSequence\n      snapshot\n      bids {\n        price\n        amount\n      }\n      asks {\n        price\n        amount\n      }\n    }\n  }\n"): typeof import('./graphql.ts').SubscriptionsOrderBookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SubscriptionsTrades {\n    trades(market: \"ETH_USDT\") {\n      market\n      price\n      amount\n      takerSide\n      sequence\n    }\n  }\n"): typeof import('./graphql.ts').SubscriptionsTradesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SubscriptionsCandles {\n    candles(market: \"ETH_USDT\", interval: M1) {\n      close\n      volume\n      numberOfTrades\n    }\n  }\n"): typeof import('./graphql.ts').SubscriptionsCandlesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SubscriptionsMyOrders {\n    myOrders {\n      id\n      status\n      filledAmount\n    }\n  }\n"): typeof import('./graphql.ts').SubscriptionsMyOrdersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SubscriptionsMyWallets {\n    myWallets {\n      asset\n      available\n      locked\n    }\n  }\n"): typeof import('./graphql.ts').SubscriptionsMyWalletsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SubscriptionsTradesOf($market: String!) {\n    trades(market: $market) {\n      id\n    }\n  }\n"): typeof import('./graphql.ts').SubscriptionsTradesOfDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SubscriptionsMyOrderIds {\n    myOrders {\n      id\n    }\n  }\n"): typeof import('./graphql.ts').SubscriptionsMyOrderIdsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VerificationMe {\n    me {\n      id\n      verificationLevel\n      verificationLimits {\n        level\n        canTrade\n        canWithdraw\n        resetsAt\n        withdrawalLimits {\n          asset\n          dailyLimit\n          usedToday\n          remainingToday\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.ts').VerificationMeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerificationSetLevel($userId: ID!, $level: Int!) {\n    setVerificationLevel(userId: $userId, level: $level) {\n      id\n      verificationLevel\n      verificationLimits {\n        canWithdraw\n      }\n    }\n  }\n"): typeof import('./graphql.ts').VerificationSetLevelDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WalletsLedgerPage($after: String) {\n    ledger(asset: \"ETH\", first: 2, after: $after) {\n      edges {\n        cursor\n        node {\n          availableDelta\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql.ts').WalletsLedgerPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WalletsLedgerAssets {\n    ledger {\n      edges {\n        node {\n          asset\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.ts').WalletsLedgerAssetsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WalletsOfAnother {\n    wallets {\n      asset\n      available\n    }\n    ledger {\n      edges {\n        cursor\n      }\n    }\n  }\n"): typeof import('./graphql.ts').WalletsOfAnotherDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WithdrawalsRequest($input: RequestWithdrawalInput!) {\n    requestWithdrawal(input: $input) {\n      id\n      userId\n      asset\n      amount\n      fee\n      address\n      status\n      txid\n      reason\n      decidedAt\n    }\n  }\n"): typeof import('./graphql.ts').WithdrawalsRequestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WithdrawalsApprove($id: ID!, $txid: String!) {\n    approveWithdrawal(id: $id, txid: $txid) {\n      id\n      status\n      txid\n      reason\n      decidedAt\n    }\n  }\n"): typeof import('./graphql.ts').WithdrawalsApproveDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WithdrawalsReject($id: ID!, $reason: String!) {\n    rejectWithdrawal(id: $id, reason: $reason) {\n      id\n      status\n      txid\n      reason\n      decidedAt\n    }\n  }\n"): typeof import('./graphql.ts').WithdrawalsRejectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WithdrawalsSetLevel($userId: ID!, $level: Int!) {\n    setVerificationLevel(userId: $userId, level: $level) {\n      id\n      verificationLevel\n    }\n  }\n"): typeof import('./graphql.ts').WithdrawalsSetLevelDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WithdrawalsMine($first: Int, $after: String) {\n    withdrawals(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          amount\n          status\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql.ts').WithdrawalsMineDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WithdrawalsAll($status: WithdrawalStatus, $first: Int, $after: String) {\n    adminWithdrawals(status: $status, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          userId\n          status\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql.ts').WithdrawalsAllDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WithdrawalsUsedToday {\n    me {\n      verificationLimits {\n        withdrawalLimits {\n          asset\n          dailyLimit\n          usedToday\n          remainingToday\n          withdrawalFee\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.ts').WithdrawalsUsedTodayDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WithdrawalsApiKeys {\n    apiKeys {\n      id\n      allowedIps\n    }\n  }\n"): typeof import('./graphql.ts').WithdrawalsApiKeysDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WithdrawalsCreateKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      apiKey {\n        id\n        allowedIps\n      }\n    }\n  }\n"): typeof import('./graphql.ts').WithdrawalsCreateKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WithdrawalsMyWallets {\n    myWallets {\n      asset\n      available\n      locked\n    }\n  }\n"): typeof import('./graphql.ts').WithdrawalsMyWalletsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebMe {\n    me {\n      id\n      name\n      email\n    }\n  }\n"): typeof import('./graphql.ts').WebMeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WebWallet on Wallet {\n    id\n    ...Balance\n    updatedAt\n  }\n"): typeof import('./graphql.ts').WebWalletFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebWallets {\n    wallets {\n      ...WebWallet\n    }\n  }\n"): typeof import('./graphql.ts').WebWalletsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WebMyWallets {\n    myWallets {\n      ...WebWallet\n    }\n  }\n"): typeof import('./graphql.ts').WebMyWalletsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebOrders($market: String, $status: [OrderStatus!], $first: Int) {\n    orders(market: $market, status: $status, first: $first) {\n      edges {\n        node {\n          ...OrderView\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.ts').WebOrdersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WebMyOrders {\n    myOrders {\n      ...OrderView\n    }\n  }\n"): typeof import('./graphql.ts').WebMyOrdersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebCancelOrder($id: ID!) {\n    cancelOrder(id: $id) {\n      ...OrderView\n    }\n  }\n"): typeof import('./graphql.ts').WebCancelOrderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WebTrade on Trade {\n    id\n    sequence\n    price\n    amount\n    takerSide\n    executedAt\n  }\n"): typeof import('./graphql.ts').WebTradeFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebTrades($market: String!, $limit: Int) {\n    trades(market: $market, limit: $limit) {\n      ...WebTrade\n    }\n  }\n"): typeof import('./graphql.ts').WebTradesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WebTradeStream($market: String!, $after: String) {\n    trades(market: $market, after: $after) {\n      ...WebTrade\n    }\n  }\n"): typeof import('./graphql.ts').WebTradeStreamDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WebCandleStream($market: String!, $interval: CandleInterval!) {\n    candles(market: $market, interval: $interval) {\n      ...CandleFields\n    }\n  }\n"): typeof import('./graphql.ts').WebCandleStreamDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WebTicker($market: String!) {\n    ticker(market: $market) {\n      ...TickerFields\n    }\n  }\n"): typeof import('./graphql.ts').WebTickerDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
