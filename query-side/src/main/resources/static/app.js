// The storefront: plain JavaScript on the public API and the live stock streams, no build step.
(() => {
  'use strict';
  const API = '/api/v1';
  const view = document.getElementById('view');
  const deals = new Map();          // deal id -> the latest known state (summary or detail, merged with live states)
  let session = JSON.parse(sessionStorage.getItem('timedeal.session') || 'null');
  let dealStream = null;            // the open deal page's own stream

  // ------------------------------------------------------------------ API

  async function call(method, path, body, headers) {
    const request = { method, headers: Object.assign({ Accept: 'application/json' }, headers || {}) };
    if (body !== undefined) {
      request.headers['Content-Type'] = 'application/json';
      request.body = JSON.stringify(body);
    }
    if (session) {
      request.headers.Authorization = 'Bearer ' + session.token;
    }
    const response = await fetch(API + path, request);
    let json = null;
    try { json = await response.json(); } catch (ignored) { /* no body */ }
    if (!response.ok) {
      const error = new Error(json && json.error ? json.error.message : response.statusText);
      error.code = json && json.error ? json.error.code : 'HTTP_' + response.status;
      error.status = response.status;
      if (response.status === 401 && session) {
        setSession(null);
      }
      throw error;
    }
    return { status: response.status, data: json ? json.data : null, meta: json ? json.meta : null };
  }

  // ------------------------------------------------------------------ helpers

  const esc = (text) => String(text == null ? '' : text).replace(/[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  const won = (amount) => Number(amount).toLocaleString('en') + ' won';
  const key = () => (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Date.now()) + Math.random();

  function say(text, isError) {
    const box = document.getElementById('message');
    box.textContent = text;
    box.className = isError ? 'error' : '';
    box.hidden = !text;
  }

  function countdown(deal) {
    const now = Date.now();
    let target = null;
    let label = '';
    if (deal.status === 'scheduled') { target = Date.parse(deal.start_at); label = 'starts in '; }
    if (deal.status === 'active' || deal.status === 'soldout') { target = Date.parse(deal.end_at); label = 'ends in '; }
    if (target === null) { return deal.status === 'canceled' ? 'canceled' : 'over'; }
    let seconds = Math.max(0, Math.floor((target - now) / 1000));
    const days = Math.floor(seconds / 86400); seconds -= days * 86400;
    const pad = (n) => String(n).padStart(2, '0');
    const clock = pad(Math.floor(seconds / 3600)) + ':' + pad(Math.floor(seconds % 3600 / 60)) + ':' + pad(seconds % 60);
    return label + (days > 0 ? days + 'd ' : '') + clock;
  }

  // ------------------------------------------------------------------ live stock

  /** A state from a stream: kept only if newer than what is shown (each carries the deal's sequence number). */
  function applyLive(state) {
    const known = deals.get(state.time_deal_id) || {};
    if (known.sequence !== undefined && known.sequence > state.sequence) {
      return;
    }
    const merged = Object.assign({}, known, state, { id: state.time_deal_id });
    deals.set(state.time_deal_id, merged);
    paintDeal(merged);
  }

  /** Updates every element showing this deal, wherever it is on the page. */
  function paintDeal(deal) {
    document.querySelectorAll('[data-deal-id="' + deal.id + '"]').forEach((element) => {
      element.querySelectorAll('.available').forEach((e) => { e.textContent = deal.available_quantity; });
      element.querySelectorAll('.stock-total').forEach((e) => { e.textContent = deal.stock_quantity; });
      element.querySelectorAll('.status').forEach((e) => {
        e.textContent = deal.status;
        e.className = 'badge status ' + deal.status;
      });
      element.querySelectorAll('.bar > div').forEach((e) => {
        e.style.width = (100 * deal.available_quantity / Math.max(1, deal.stock_quantity)) + '%';
      });
      element.querySelectorAll('.countdown').forEach((e) => { e.textContent = countdown(deal); });
      element.querySelectorAll('#order-submit').forEach((e) => { e.disabled = deal.status !== 'active'; });
    });
  }

  function openListStream() {
    const stream = new EventSource(API + '/timedeals/live');
    const state = document.getElementById('live-state');
    stream.onopen = () => { document.body.dataset.live = 'open'; state.textContent = 'live: connected'; };
    stream.onerror = () => { document.body.dataset.live = 'reconnecting'; state.textContent = 'live: reconnecting'; };
    const onState = (event) => applyLive(JSON.parse(event.data));
    stream.addEventListener('snapshot', onState);
    stream.addEventListener('change', onState);
  }

  function openDealStream(id) {
    closeDealStream();
    dealStream = new EventSource(API + '/timedeals/' + id + '/live');
    const onState = (event) => {
      const state = JSON.parse(event.data);
      applyLive(state);
      if (state.status === 'ended' || state.status === 'canceled') {
        closeDealStream();    // the server ends the stream; do not let the browser reconnect to a deal that is over
      }
    };
    dealStream.addEventListener('snapshot', onState);
    dealStream.addEventListener('change', onState);
  }

  function closeDealStream() {
    if (dealStream) { dealStream.close(); dealStream = null; }
  }

  setInterval(() => {
    document.querySelectorAll('[data-deal-id]').forEach((element) => {
      const deal = deals.get(Number(element.dataset.dealId));
      if (deal) { element.querySelectorAll('.countdown').forEach((e) => { e.textContent = countdown(deal); }); }
    });
  }, 1000);

  // ------------------------------------------------------------------ views

  async function showDeals() {
    closeDealStream();
    view.innerHTML = '<h2>Time deals</h2><div class="deals" id="deal-list">Loading...</div>';
    const result = await call('GET', '/timedeals?per_page=100');
    const list = document.getElementById('deal-list');
    list.innerHTML = '';
    result.data.forEach((summary) => {
      const deal = Object.assign({}, summary, deals.get(summary.id) && deals.get(summary.id).sequence !== undefined
        ? pickLive(deals.get(summary.id)) : {});
      deals.set(deal.id, Object.assign({}, deals.get(deal.id) || {}, deal));
      const card = document.createElement('article');
      card.className = 'deal';
      card.dataset.dealId = deal.id;
      card.innerHTML =
        '<a href="#/deals/' + deal.id + '" class="deal-link"><h3>' + esc(deal.product.name) + '</h3></a>' +
        '<div class="price">' + won(deal.deal_price) + '<s>' + won(deal.original_price) + '</s> ' +
        '<span class="rate">-' + deal.discount_rate + '%</span></div>' +
        '<div><span class="badge status"></span> <span class="countdown"></span></div>' +
        '<div class="stock"><span class="available"></span> of <span class="stock-total"></span> left</div>' +
        '<div class="bar"><div></div></div>';
      list.appendChild(card);
      paintDeal(deals.get(deal.id));
    });
    if (!result.data.length) { list.textContent = 'No deals right now.'; }
  }

  function pickLive(live) {
    const fields = ['status', 'available_quantity', 'reserved_quantity', 'sold_quantity', 'sequence'];
    return Object.fromEntries(fields.filter((f) => live[f] !== undefined).map((f) => [f, live[f]]));
  }

  async function showDeal(id) {
    view.innerHTML = 'Loading...';
    const detail = (await call('GET', '/timedeals/' + id)).data;
    const live = deals.get(detail.id);
    const deal = Object.assign({}, detail, live && live.sequence !== undefined ? pickLive(live) : {});
    deals.set(deal.id, deal);
    view.innerHTML =
      '<p><a href="#/">&larr; all deals</a></p>' +
      '<section class="detail" data-deal-id="' + deal.id + '" id="deal-detail">' +
      '<h2>' + esc(deal.product.name) + '</h2>' +
      '<p>' + esc(deal.product.description || '') + '</p>' +
      '<div class="price">' + won(deal.deal_price) + '<s>' + won(deal.original_price) + '</s> -' + deal.discount_rate + '%</div>' +
      '<p><span class="badge status"></span> <span class="countdown"></span></p>' +
      '<p class="stock"><strong id="deal-available" class="available"></strong> of <span class="stock-total"></span> left</p>' +
      '<div class="bar"><div></div></div>' +
      '<div class="order-box"><label>Quantity <select id="order-quantity">' +
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => '<option>' + n + '</option>').join('') +
      '</select></label> <button id="order-submit" type="button">Order now</button></div>' +
      '<div id="order-result"></div></section>';
    paintDeal(deal);
    openDealStream(deal.id);
    document.getElementById('order-submit').addEventListener('click', () => placeOrder(deal.id));
  }

  async function placeOrder(dealId) {
    if (!session) { say('Log in to order.', true); return; }
    const quantity = Number(document.getElementById('order-quantity').value);
    const button = document.getElementById('order-submit');
    button.disabled = true;
    try {
      const result = await call('POST', '/orders', { time_deal_id: dealId, quantity }, { 'Idempotency-Key': key() });
      say(result.status === 202 ? 'Your order is being processed.' : 'Reserved! Pay within the hold to keep it.');
      showOrder(result.data);
    } catch (error) {
      say(error.message + ' (' + error.code + ')', true);
    } finally {
      const deal = deals.get(dealId);
      button.disabled = !deal || deal.status !== 'active';
    }
  }

  function showOrder(order) {
    const box = document.getElementById('order-result');
    box.dataset.orderId = order.id;
    box.innerHTML = '<p>Order <code>' + esc(order.id) + '</code>: ' + order.quantity + ' for ' + won(order.total_price) +
      ' — <strong id="order-status">' + esc(order.status) + '</strong></p>' + actions(order);
    bindActions(box, (updated) => showOrder(updated));
  }

  function actions(order) {
    if (order.status !== 'reserved' && order.status !== 'pending') { return ''; }
    return '<button type="button" class="pay" id="pay-button">Pay</button> ' +
      '<button type="button" class="secondary cancel" id="cancel-button">Cancel</button>';
  }

  function bindActions(scope, repaint) {
    const id = scope.dataset.orderId;
    scope.querySelectorAll('.pay').forEach((button) => button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        const paid = await call('POST', '/orders/' + encodeURIComponent(id) + '/payment', { method: 'card' });
        say(paid.data.status === 'confirmed' ? 'Paid. Thank you!' : 'Payment is being processed.');
        repaint(paid.data);
      } catch (error) {
        say(error.message + ' (' + error.code + ')', true);
        repaint((await call('GET', '/orders/' + encodeURIComponent(id))).data);
      }
    }));
    scope.querySelectorAll('.cancel').forEach((button) => button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await call('DELETE', '/orders/' + encodeURIComponent(id));
        say('Order canceled; its stock went back to the deal.');
        repaint((await call('GET', '/orders/' + encodeURIComponent(id))).data);
      } catch (error) {
        say(error.message + ' (' + error.code + ')', true);
      }
    }));
  }

  async function showOrders() {
    closeDealStream();
    if (!session) { view.innerHTML = '<p>Log in to see your orders.</p>'; return; }
    view.innerHTML = '<h2>My orders</h2><table id="orders"><thead><tr><th>ordered</th><th>deal</th><th>quantity</th>' +
      '<th>total</th><th>status</th><th></th></tr></thead><tbody></tbody></table>';
    const result = await call('GET', '/orders?per_page=50');
    const body = document.querySelector('#orders tbody');
    result.data.forEach((order) => {
      const row = document.createElement('tr');
      const paint = (o) => {
        row.dataset.orderId = o.id;
        row.innerHTML = '<td>' + esc(new Date(o.created_at).toLocaleString()) + '</td>' +
          '<td><a href="#/deals/' + o.time_deal_id + '">deal ' + o.time_deal_id + '</a></td>' +
          '<td>' + o.quantity + '</td><td>' + won(o.total_price) + '</td>' +
          '<td class="status">' + esc(o.status) + '</td><td>' + actions(o) + '</td>';
        bindActions(row, paint);
      };
      paint(order);
      body.appendChild(row);
    });
    if (!result.data.length) { body.innerHTML = '<tr><td colspan="6">No orders yet.</td></tr>'; }
  }

  // ------------------------------------------------------------------ session

  function setSession(value) {
    session = value;
    if (value) { sessionStorage.setItem('timedeal.session', JSON.stringify(value)); }
    else { sessionStorage.removeItem('timedeal.session'); }
    document.getElementById('login-form').hidden = !!value;
    document.getElementById('signed-in').hidden = !value;
    document.getElementById('user-name').textContent = value ? value.name + ' (' + value.email + ')' : '';
  }

  document.getElementById('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const result = await call('POST', '/auth/login', {
        email: document.getElementById('login-email').value,
        password: document.getElementById('login-password').value,
      });
      setSession({ token: result.data.access_token, email: result.data.user.email, name: result.data.user.name });
      say('Welcome, ' + result.data.user.name + '.');
      route();
    } catch (error) {
      say(error.message + ' (' + error.code + ')', true);
    }
  });
  document.getElementById('logout').addEventListener('click', () => { setSession(null); say('Logged out.'); route(); });

  // ------------------------------------------------------------------ routing

  async function route() {
    const hash = location.hash || '#/';
    const deal = hash.match(/^#\/deals\/(\d+)$/);
    try {
      if (deal) { await showDeal(Number(deal[1])); }
      else if (hash === '#/orders') { await showOrders(); }
      else { await showDeals(); }
    } catch (error) {
      view.innerHTML = '';
      say(error.message + ' (' + error.code + ')', true);
    }
  }

  window.addEventListener('hashchange', () => { say(''); route(); });
  setSession(session);
  openListStream();
  route();
})();
