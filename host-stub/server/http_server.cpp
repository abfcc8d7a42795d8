#include "server/http_server.hpp"

#include "host_error.hpp"
#include "server/plugin_bridge.hpp"
#include "server/request_log.hpp"
#include "server/thread_priority.hpp"
#include "server/worker_pool.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <iterator>
#include <memory>
#include <optional>
#include <string_view>
#include <thread>
#include <vector>

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace pim::host {
namespace {

// Logged URLs never show a token: access_token=*** (api-authentication.md §2).
std::string masked_target(std::string_view path, std::string_view query) {
    std::string out;
    out.reserve(path.size() + 1 + query.size());
    out.append(path);
    if (query.empty()) return out;
    out += '?';
    constexpr std::string_view token_key = "access_token=";
    while (true) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        out.append(pair.starts_with(token_key) ? std::string_view("access_token=***") : pair);
        if (amp == std::string_view::npos) break;
        out += '&';
        query.remove_prefix(amp + 1);
    }
    return out;
}

// The log's time stamp, ISO 8601 UTC to the second: formatted once per
// second and thread.
std::string_view utc_now() {
    thread_local std::time_t formatted_at = -1;
    thread_local std::array<char, 32> text{};
    thread_local std::size_t length = 0;
    const std::time_t now = std::time(nullptr);
    if (now != formatted_at) {
        std::tm tm{};
        gmtime_r(&now, &tm);
        length = std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%SZ", &tm);
        formatted_at = now;
    }
    return {text.data(), length};
}

// A request's header fields hold its Authorization header (a client secret
// in Basic, a bearer token): Beast keeps each field in memory of its own,
// overwritten here when given back.
template <class T>
struct WipingAllocator {
    using value_type = T;
    WipingAllocator() = default;
    template <class U>
    explicit WipingAllocator(const WipingAllocator<U> & /*other*/) noexcept {}
    T *allocate(std::size_t count) { return std::allocator<T>().allocate(count); }
    void deallocate(T *block, std::size_t count) noexcept {
        explicit_bzero(block, count * sizeof(T));
        std::allocator<T>().deallocate(block, count);
    }
    template <class U>
    bool operator==(const WipingAllocator<U> & /*other*/) const noexcept {
        return true;
    }
};
using RequestFields = http::basic_fields<WipingAllocator<char>>;
using RequestParser = http::request_parser<http::string_body, WipingAllocator<char>>;

// RFC 9112 §6.1: the only transfer coding this server implements is chunked
// alone. Any other list ("chunked, identity", "gzip, chunked", an unknown
// coding, two fields) gets 400: it is not framed by Content-Length instead,
// nor read as the start of the next request.
bool transfer_encoding_acceptable(const http::request_header<RequestFields> &header) {
    const auto [first, last] = header.equal_range(http::field::transfer_encoding);
    if (first == last) return true;
    if (std::next(first) != last) return false;
    beast::string_view value = first->value();
    const auto blank = [](char c) { return c == ' ' || c == '\t'; };
    while (!value.empty() && blank(value.front())) value.remove_prefix(1);
    while (!value.empty() && blank(value.back())) value.remove_suffix(1);
    return beast::iequals(value, "chunked");
}

// The connections served at once (server.max_connections): a session takes
// a place when it is admitted and gives it back when it ends.
class Places {
public:
    explicit Places(std::size_t limit) : limit_(limit) {}
    bool take() {
        std::size_t used = used_.load();
        while (used < limit_)
            if (used_.compare_exchange_weak(used, used + 1)) return true;
        return false;
    }
    void give_back() { used_.fetch_sub(1); }

private:
    const std::size_t limit_;
    std::atomic<std::size_t> used_{0};
};

// What a listener serves: the application (routes, API) and / or GET /metrics.
struct ListenerRole {
    bool application = true;
    bool metrics = false;
};

class Session : public std::enable_shared_from_this<Session> {
public:
    // `place` is given back when the session ends. A session over the cap
    // (`over_capacity`) answers 503 without reading and closes.
    Session(tcp::socket &&socket, const Router &router, const ServeOptions &options, WorkerPool &workers,
            std::shared_ptr<Places> place, bool over_capacity, ListenerRole role)
        : stream_(std::move(socket)),
          router_(router),
          options_(options),
          workers_(workers),
          place_(std::move(place)),
          over_capacity_(over_capacity),
          role_(role) {
        beast::error_code ec;
        const auto remote = stream_.socket().remote_endpoint(ec);
        if (!ec) remote_address_ = remote.address().to_string() + ":" + std::to_string(remote.port());
    }
    ~Session() {
        if (place_) place_->give_back();
    }
    Session(const Session &) = delete;
    Session &operator=(const Session &) = delete;

    void start() {
        net::dispatch(stream_.get_executor(),
                      beast::bind_front_handler(over_capacity_ ? &Session::refuse : &Session::read,
                                                shared_from_this()));
    }

private:
    void refuse() {
        stream_.expires_after(std::chrono::seconds(5));
        Response response = json_message(503, "Too many connections. Retry later.");
        response.headers.emplace_back("Retry-After", "1");
        count_unrouted(response.status);
        reply_and_close(std::move(response));
    }

    void read() {
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(options_.settings.max_header_bytes));
        parser_->body_limit(options_.settings.max_body_bytes);
        stream_.expires_after(std::chrono::seconds(requests_ == 0
                                                       ? options_.settings.request_timeout_seconds
                                                       : options_.settings.keep_alive_timeout_seconds));
        http::async_read_header(stream_, buffer_, *parser_,
                                beast::bind_front_handler(&Session::on_header, shared_from_this()));
    }

    // The header first: its framing is checked before any body byte is read.
    void on_header(beast::error_code ec, std::size_t bytes) {
        if (ec) return on_read(ec, bytes);
        if (!transfer_encoding_acceptable(parser_->get())) {
            count_unrouted(400);
            return reply_and_close(json_message(
                400, "Unsupported Transfer-Encoding: only \"chunked\" is accepted, on its own."));
        }
        http::async_read(stream_, buffer_, *parser_,
                         beast::bind_front_handler(&Session::on_read, shared_from_this()));
    }

    // The read buffer still holds the raw request (a password, a client
    // secret) once parsed: overwrite it unless a pipelined request is in it.
    void wipe_read_buffer() {
        if (buffer_.size() != 0) return;
        const auto storage = buffer_.prepare(buffer_.capacity());
        explicit_bzero(storage.data(), storage.size());
    }

    static bool ends_connection(beast::error_code ec) {
        return ec == http::error::end_of_stream || ec == beast::error::timeout ||
               ec == net::error::operation_aborted || ec == net::error::connection_reset ||
               ec == net::error::eof;
    }

    void on_read(beast::error_code ec, std::size_t /*bytes*/) {
        if (ends_connection(ec)) return close();
        if (ec == http::error::body_limit || ec == http::error::header_limit) {
            count_unrouted(413);
            return reply_and_close(json_message(413, "The request is too large."));
        }
        if (ec) {
            count_unrouted(400);
            return reply_and_close(json_message(400, "The request is not valid HTTP."));
        }
        ++requests_;
        const auto started = std::chrono::steady_clock::now();
        Request request = to_request(parser_->get());
        wipe_read_buffer();
        if (options_.metrics != nullptr) options_.metrics->started();
        if (const RouteEntry *route = role_.application ? router_.may_block_route(request) : nullptr)
            return queue(*route, std::move(request), started);
        Response response;
        try {
            response = answer(request);
        } catch (const std::exception &) {
            response = json_message(500, "Internal error.");
        }
        log(request, response, started);
        write(std::move(response), parser_->get().keep_alive(), parser_->get().version(),
              request.method == "HEAD");
    }

    // GET /metrics where this listener serves it; the application's routes
    // where it serves them; else 404.
    Response answer(const Request &request) const {
        if (role_.metrics && request.path == "/metrics") return options_.metrics->scrape(request);
        if (role_.application) return router_.handle(request);
        std::string message = "No route found for \"";
        message.append(request.method).append(" ").append(request.path).append("\"");
        return json_message(404, message);
    }

    void count_unrouted(int status) const {
        if (options_.metrics != nullptr) options_.metrics->count(options_.metrics->unrouted(), status, false);
    }

    // A handler that may block (a password hash) runs on a worker; this
    // thread goes on serving other connections, and the answer comes back
    // through the session's strand. A full queue gets 503 at once. The
    // request (its body holds a password) has one owner at a time, so that it
    // is wiped before its answer leaves, not when a worker at idle priority
    // next runs.
    void queue(const RouteEntry &route, Request request, std::chrono::steady_clock::time_point started) {
        Exchange exchange{std::make_shared<const Request>(std::move(request)), started,
                          parser_->get().keep_alive(), parser_->get().version()};
        std::function<void()> job = [self = shared_from_this(), &route, exchange]() mutable {
            self->work(route, std::move(exchange));
        };
        stream_.expires_never();  // no operation is pending while it waits
        if (workers_.try_submit(job)) return;
        job = nullptr;  // its copy of the request
        Response response = json_message(503, "The server is busy. Retry later.");
        response.headers.emplace_back("Retry-After", "1");
        finish(std::move(exchange), std::move(response));
    }

    struct Exchange {
        std::shared_ptr<const Request> request;
        std::chrono::steady_clock::time_point started;
        bool keep_alive;
        unsigned version;
    };

    // On a worker thread. The session has no operation pending on its socket
    // until the answer is posted back, so nothing else touches it meanwhile.
    void work(const RouteEntry &route, Exchange exchange) noexcept {
        try {
            if (peer_gone()) {
                net::post(stream_.get_executor(),
                          [self = shared_from_this(), exchange = std::move(exchange)] {
                              Response gone;
                              gone.status = 499;  // in the log only: nobody is there to read it
                              self->log(*exchange.request, gone, exchange.started);
                              beast::error_code ec;
                              self->stream_.socket().close(ec);
                          });
                return;
            }
            Response response;
            try {
                response = call_route(route, *exchange.request);
            } catch (const std::exception &) {
                response = json_message(500, "Internal error.");
            }
            net::post(stream_.get_executor(), [self = shared_from_this(), exchange = std::move(exchange),
                                               response = std::move(response)]() mutable {
                self->finish(std::move(exchange), std::move(response));
            });
        } catch (...) {  // NOLINT(bugprone-empty-catch): out of memory posting; the session ends
        }
    }

    // The client closed (or reset) its connection while its request waited:
    // the handler does not run. Bytes still to read (a pipelined request)
    // mean it is there.
    bool peer_gone() {
        char byte = 0;
        const ssize_t got =
            ::recv(stream_.socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT | MSG_NOSIGNAL);
        if (got > 0) return false;
        if (got == 0) return true;
        return errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR;
    }

    void finish(Exchange exchange, Response response) {
        log(*exchange.request, response, exchange.started);
        const bool head_only = exchange.request->method == "HEAD";
        exchange.request.reset();  // its last owner: the body is wiped before the answer is sent
        stream_.expires_after(std::chrono::seconds(options_.settings.request_timeout_seconds));
        write(std::move(response), exchange.keep_alive, exchange.version, head_only);
    }

    // Views into `message` (kept in `parser_` until the next read(), which
    // comes after this request is answered) and into the session; takes the
    // body out of `message` (no copy of a password is left behind).
    Request to_request(http::request<http::string_body, RequestFields> &message) {
        Request request;
        request.method = message.method_string();
        const std::string_view target = message.target();
        const auto question = target.find('?');
        request.path = target.substr(0, question);
        if (question != std::string_view::npos) request.query = target.substr(question + 1);
        headers_.clear();
        std::transform(message.begin(), message.end(), std::back_inserter(headers_),
                       [](const auto &field) { return HeaderView(field.name_string(), field.value()); });
        request.headers = headers_;
        request.body = std::move(message.body());
        request.remote_address = remote_address_;
        return request;
    }

    // Every exchange that was read ends here (answered, or 499): counted,
    // then logged.
    void log(const Request &request, const Response &response,
             std::chrono::steady_clock::time_point started) const {
        if (options_.metrics != nullptr)
            options_.metrics->count(options_.metrics->route_of(request, response.status), response.status,
                                    true);
        const auto micros =
            std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
        if (!is_logged_path(request.path)) return;
        const std::string target = masked_target(request.path, request.query);
        const RequestLogEntry entry{utc_now(),          request.remote_address,
                                    request.method,     target,
                                    response.status,    static_cast<double>(micros.count()) / 1000.0,
                                    response.client_id, response.username};
        options_.log(format_request_log(entry, options_.settings.log_format));
    }

    // One response is written at a time: the message lives in the session
    // until the write completes. Its header is laid out by Beast's own
    // writer (the bytes Beast's serializer sends; the body is never chunked
    // once prepare_payload has set Content-Length), then header and body go
    // out in one gathered write. An answer to HEAD keeps the Content-Length of
    // its body but not the body (RFC 9110 §9.3.2): sent, it would be read as
    // the start of the next answer on the connection.
    void write(Response response, bool keep_alive, unsigned version, bool head_only = false) {
        auto &message = response_.emplace(static_cast<http::status>(response.status), version);
        message.set(http::field::server, "pim-host");
        for (const auto &[name, value] : response.headers) message.insert(name, value);
        message.body() = std::move(response.body);
        message.keep_alive(keep_alive);
        message.prepare_payload();
        const http::fields::writer header(message.base(), message.version(), message.result_int());
        header_bytes_.clear();
        for (const auto buffer : header.get())
            header_bytes_.append(static_cast<const char *>(buffer.data()), buffer.size());
        const std::array<net::const_buffer, 2> buffers{
            net::buffer(header_bytes_), head_only ? net::const_buffer() : net::buffer(message.body())};
        net::async_write(stream_, buffers, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            const bool keep = self->response_->keep_alive();
            wipe(self->response_->body());  // a token response's body holds the tokens
            self->response_.reset();
            if (ec || !keep) return self->close();
            self->read();
        });
    }

    void reply_and_close(Response response) { write(std::move(response), false, 11); }

    // Lingering close: stop sending, then read and drop what the client is
    // still sending (e.g. the rest of a body refused with 413) for a moment,
    // so that closing does not reset the connection before it reads our answer.
    void close() {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
        stream_.expires_after(std::chrono::seconds(2));
        drain();
    }

    void drain() {
        stream_.async_read_some(net::buffer(discard_),
                                [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                    if (!ec) self->drain();
                                });
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<RequestParser> parser_;
    std::vector<HeaderView> headers_;                            // the current request's, reused
    std::optional<http::response<http::string_body>> response_;  // being written
    std::string header_bytes_;                                   // its header, serialized
    std::string remote_address_;  // "address:port", for the log and the plugins
    const Router &router_;
    const ServeOptions &options_;
    WorkerPool &workers_;
    unsigned requests_ = 0;
    std::array<char, 4096> discard_{};
    std::shared_ptr<Places> place_;
    bool over_capacity_;
    ListenerRole role_;
};

// accept() failing for want of resources: retrying at once would spin.
bool out_of_resources(const beast::error_code &ec) {
    return ec == net::error::no_descriptors ||
           ec == make_error_code(boost::system::errc::too_many_files_open_in_system) ||
           ec == net::error::no_buffer_space || ec == net::error::no_memory;
}

constexpr std::size_t max_refusing_sessions = 64;  // 503 answers being written at once

// One event loop per I/O thread, as nginx has one per worker process: a
// connection stays on the loop it was given, and its handlers run on that
// thread without waking another (one loop shared by all threads woke a
// second thread, and took its lock, for most requests).
class EventLoops {
public:
    explicit EventLoops(unsigned count) {
        for (unsigned i = 0; i < count; ++i) loops_.push_back(std::make_unique<net::io_context>(1));
    }
    net::io_context &operator[](std::size_t index) { return *loops_[index]; }
    [[nodiscard]] std::size_t size() const { return loops_.size(); }
    // The loop of the next accepted connection, in turn (called on loop 0 only).
    net::io_context &next() { return *loops_[next_++ % loops_.size()]; }
    void stop() {
        for (auto &loop : loops_) loop->stop();
    }

private:
    std::vector<std::unique_ptr<net::io_context>> loops_;
    std::size_t next_ = 0;
};

class Listener : public std::enable_shared_from_this<Listener> {
public:
    Listener(EventLoops &loops, tcp::acceptor &acceptor, const Router &router, const ServeOptions &options,
             WorkerPool &workers, ListenerRole role)
        : loops_(loops),
          acceptor_(acceptor),
          router_(router),
          options_(options),
          workers_(workers),
          role_(role),
          retry_(acceptor.get_executor()),
          sessions_(std::make_shared<Places>(options.settings.max_connections)),
          refusals_(std::make_shared<Places>(max_refusing_sessions)) {}

    void accept() {
        acceptor_.async_accept(loops_.next(),
                               beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
    }

private:
    void on_accept(beast::error_code ec, tcp::socket socket) {
        if (ec == net::error::operation_aborted) return;  // stopping
        if (ec && out_of_resources(ec)) return pause(ec);
        if (!ec) {
            if (pause_ != std::chrono::milliseconds::zero()) options_.log("Accepting connections again.");
            pause_ = std::chrono::milliseconds::zero();
            if (sessions_->take())
                std::make_shared<Session>(std::move(socket), router_, options_, workers_, sessions_, false,
                                          role_)
                    ->start();
            else if (refusals_->take())
                std::make_shared<Session>(std::move(socket), router_, options_, workers_, refusals_, true,
                                          role_)
                    ->start();
            // else: the socket closes here; the 503s already under way say it.
        }
        accept();
    }

    // The connection waits in the listen queue while descriptors are short:
    // retry after 10 ms, doubling up to 1 s, instead of at once.
    void pause(const beast::error_code &ec) {
        if (pause_ == std::chrono::milliseconds::zero())
            options_.log("Cannot accept connections (" + ec.message() + "): retrying with back-off.");
        pause_ = std::clamp(pause_ * 2, std::chrono::milliseconds(10), std::chrono::milliseconds(1000));
        retry_.expires_after(pause_);
        retry_.async_wait([self = shared_from_this()](beast::error_code wait_ec) {
            if (!wait_ec) self->accept();
        });
    }

    EventLoops &loops_;
    tcp::acceptor &acceptor_;
    const Router &router_;
    const ServeOptions &options_;
    WorkerPool &workers_;
    ListenerRole role_;
    net::steady_timer retry_;
    std::chrono::milliseconds pause_{0};
    std::shared_ptr<Places> sessions_;
    std::shared_ptr<Places> refusals_;
};

}  // namespace

std::pair<std::string, unsigned short> parse_listen_address(const std::string &address) {
    const auto colon = address.rfind(':');
    std::string host = colon == std::string::npos ? std::string() : address.substr(0, colon);
    const std::string port_text = colon == std::string::npos ? address : address.substr(colon + 1);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    char *end = nullptr;
    const long port = std::strtol(port_text.c_str(), &end, 10);
    if (host.empty() || port_text.empty() || *end != '\0' || port < 0 || port > 65535)
        throw HostError("Invalid listen address \"" + address +
                        "\": use HOST:PORT, e.g. 127.0.0.1:8080 (port 0 picks a free port).");
    return {host, static_cast<unsigned short>(port)};
}

namespace {

// Binds `address`; returns what it is bound to, for the announcement
// ("http://127.0.0.1:8080"). `setting` names where the address came from.
std::string bind_listener(tcp::acceptor &acceptor, net::io_context &io, const std::string &address,
                          const std::string &setting) {
    const auto [host, port] = parse_listen_address(address);
    try {
        tcp::resolver resolver(io);
        const auto endpoint = resolver.resolve(host, std::to_string(port))->endpoint();
        acceptor.open(endpoint.protocol());
        acceptor.set_option(net::socket_base::reuse_address(true));
        acceptor.bind(endpoint);
        acceptor.listen(net::socket_base::max_listen_connections);
    } catch (const boost::system::system_error &error) {
        throw HostError("Cannot listen on " + address + ": " + error.code().message() +
                        ". Pick another address with " + setting + ".");
    }
    const auto bound = acceptor.local_endpoint();
    const std::string shown_host =
        bound.address().is_v6() ? "[" + bound.address().to_string() + "]" : bound.address().to_string();
    return "http://" + shown_host + ":" + std::to_string(bound.port());
}

}  // namespace

int serve(const Router &router, const ServeOptions &options) {
    const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
    const unsigned threads =
        options.settings.threads > 0 ? static_cast<unsigned>(options.settings.threads) : cores;
    EventLoops loops(threads);
    net::io_context &io = loops[0];  // listeners and signals; connections go to every loop
    tcp::acceptor acceptor(io);
    tcp::acceptor metrics_acceptor(io);
    const bool metrics_apart = options.metrics != nullptr && !options.settings.metrics_listen.empty();
    const std::string url = bind_listener(acceptor, io, options.settings.listen, "--listen or server.listen");
    const std::string metrics_url =
        metrics_apart
            ? bind_listener(metrics_acceptor, io, options.settings.metrics_listen, "server.metrics_listen")
            : "";

    net::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](beast::error_code, int) {
        beast::error_code ignored;
        acceptor.close(ignored);
        metrics_acceptor.close(ignored);
        loops.stop();
    });
    // Declared after the loops: stopped (current jobs finished, waiting ones
    // dropped) before the sessions' loops go.
    const std::size_t slow_workers =
        options.settings.slow_workers > 0 ? static_cast<std::size_t>(options.settings.slow_workers) : cores;
    WorkerPool workers(slow_workers, options.settings.slow_queue_limit > 0 ? options.settings.slow_queue_limit
                                                                           : 64 * slow_workers);
    const bool metrics_here = options.metrics != nullptr && options.settings.metrics && !metrics_apart;
    std::make_shared<Listener>(loops, acceptor, router, options, workers, ListenerRole{true, metrics_here})
        ->accept();
    if (metrics_apart)
        std::make_shared<Listener>(loops, metrics_acceptor, router, options, workers,
                                   ListenerRole{false, true})
            ->accept();

    // Not pinned to CPUs: a loop pinned beside a busy process could not move
    // away, and its connections waited (docs/performance.md, "One event loop
    // per I/O thread").
    const auto run_loop = [&loops](unsigned index) {
        const auto work = net::make_work_guard(loops[index]);  // no connection yet is no reason to return
        loops[index].run();
    };
    std::vector<std::thread> pool;
    for (unsigned i = 1; i < threads; ++i) {
        pool.emplace_back(run_loop, i);
        name_thread(pool.back(), "pim-io-" + std::to_string(i));  // 0 is main's, which keeps "pim-host"
    }
    // Only now: whoever waits for this line finds every thread named and
    // the workers at their priority.
    options.announce("Listening on " + url);
    if (metrics_apart) options.announce("Metrics on " + metrics_url + "/metrics");
    run_loop(0);
    for (auto &thread : pool) thread.join();
    return 0;
}

}  // namespace pim::host
