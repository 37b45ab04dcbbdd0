package io.branchpos.desktop;

import io.branchpos.desktop.approval.ApprovalController;
import io.branchpos.desktop.approval.ApprovalViewModel;
import io.branchpos.desktop.checkout.CheckoutController;
import io.branchpos.desktop.checkout.CheckoutStore;
import io.branchpos.desktop.checkout.CheckoutViewModel;
import io.branchpos.desktop.checkout.ProductSearch;
import io.branchpos.desktop.checkout.HardwareScanDecoder;
import io.branchpos.desktop.common.CustomerFacing;
import io.branchpos.desktop.common.FxmlView;
import io.branchpos.desktop.common.StatusBarViewModel;
import io.branchpos.desktop.config.AppConfig;
import io.branchpos.desktop.payment.PaymentController;
import io.branchpos.desktop.payment.PaymentViewModel;
import io.branchpos.desktop.receipt.ReceiptOutput;
import io.branchpos.desktop.returns.ReturnsController;
import io.branchpos.desktop.returns.ReturnsViewModel;
import io.branchpos.desktop.session.Session;
import io.branchpos.desktop.signin.SignInController;
import io.branchpos.desktop.signin.SignInViewModel;
import io.branchpos.domain.auth.IdleLock;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.money.RoundingPolicy;
import io.branchpos.domain.sale.OverrideLimits;
import io.branchpos.domain.sale.RefundRejectedException;
import io.branchpos.domain.sale.SaleCalculator;
import io.branchpos.domain.sale.Ticket;
import io.branchpos.domain.tax.PricingMode;
import io.branchpos.store.park.ParkedSales;
import io.branchpos.store.sale.RefundReceipt;
import io.branchpos.store.sale.RefundRequest;
import io.branchpos.store.sale.SalesRepository.SaleView;
import io.branchpos.store.till.TillRepository;
import io.branchpos.hardware.scan.WedgeBurstDetector;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.UUID;
import java.util.concurrent.Executor;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import javafx.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminal's window content: sign-in, selling, payment and returns screens stacked in one
 * scene, the approval dialog over them, the keyboard map, and the idle lock. Builds every view
 * model from the {@link AppContext} and owns nothing but navigation.
 */
public final class TerminalShell {
    private static final Logger log = LoggerFactory.getLogger(TerminalShell.class);

    /** Which working screen is showing (sign-in and the approval dialog lie over it). */
    public enum Screen { SELL, PAYMENT, RETURNS }

    private final ObjectProperty<Screen> screen = new SimpleObjectProperty<>(Screen.SELL);
    private final Session session;
    private final SignInViewModel signIn;
    private final ApprovalViewModel approval;
    private final CheckoutViewModel checkout;
    private final PaymentViewModel payment;
    private final ReturnsViewModel returns;
    private final StackPane root = new StackPane();
    private final WedgeBurstDetector wedge = new WedgeBurstDetector(WedgeBurstDetector.Config.defaults());
    private final java.time.Clock clock;
    private final Parent signInView;
    /** Built once the sign-in screen is up (decision 0021), before a cashier is signed in. */
    private Parent checkoutView;
    /** Built on first use (decision 0017): a start builds only what signing in and selling show. */
    private Parent paymentView;
    private Parent returnsView;
    private Parent approvalView;
    private final Locale locale;
    private final Callback<Class<?>, Object> controllers;
    private SignInController signInController;
    private CheckoutController checkoutController;
    private PaymentController paymentController;
    private ReturnsController returnsController;
    private ApprovalController approvalController;

    public TerminalShell(AppContext ctx, StatusBarViewModel status, Locale locale, ReceiptOutput receipts,
            CustomerFacing display, Runnable beep) {
        AppConfig config = ctx.config();
        ResourceBundle texts = FxmlView.Messages.bundle(locale);
        Executor bg = ctx.storeExecutor();
        Executor ui = Platform::runLater;
        Currency currency = Currency.getInstance(config.get("currency", "EUR"));
        SaleCalculator calculator = new SaleCalculator(currency,
                PricingMode.valueOf(config.get("pricing", "INCLUSIVE")), RoundingPolicy.DEFAULT);
        OverrideLimits limits = new OverrideLimits(new BigDecimal(config.get("override.maxPercent", "10")),
                Money.of(config.get("override.maxAmount", "5.00"), currency));
        Duration idle = Duration.ofSeconds(Long.parseLong(config.get("idle.lockSeconds", "300")));

        clock = ctx.clock();
        session = new Session(new IdleLock(ctx.clock(), idle));
        signIn = new SignInViewModel((user, pin) -> ctx.users().signIn(user, pin), session, bg, ui, texts, ZoneId.systemDefault());
        approval = new ApprovalViewModel((user, pin) -> ctx.users().signIn(user, pin), bg, ui, texts);
        checkout = new CheckoutViewModel(catalog(ctx), checkoutStore(ctx, receipts), session, approval, bg, ui,
                locale, texts, calculator, ctx.ids(), limits,
                new HardwareScanDecoder(List.of(HardwareScanDecoder.DEMO_WEIGHT), currency), display);
        checkout.usePricing(pricing(ctx), ctx.clock());
        payment = new PaymentViewModel(sale -> ctx.sales().complete(sale), receipts, session, bg, ui, locale, texts,
                RoundingPolicy.DEFAULT.cashRounding(), ctx.clock(), display,
                config.get("store.name", texts.getString("receipt.store")), config.terminalId());
        returns = new ReturnsViewModel(returnsStore(ctx), session, approval, bg, ui, locale, texts);

        checkout.setOnPay(t -> {
            payment.begin(t);
            screen.set(Screen.PAYMENT);
        });
        checkout.setOnReturns(receiptNumber -> {
            returns.reset();
            screen.set(Screen.RETURNS);
            if (receiptNumber != null) {
                returns.receiptNumberProperty().set(receiptNumber);
                returns.find();
            }
        });
        payment.setOnBack(() -> {
            checkout.backFromPayment();
            screen.set(Screen.SELL);
        });
        payment.setOnDone(() -> {
            checkout.newSale();
            screen.set(Screen.SELL);
        });
        returns.setOnBack(() -> screen.set(Screen.SELL));

        this.locale = locale;
        this.controllers = type -> {
            if (type == SignInController.class) {
                return signInController = new SignInController(signIn, session, status, texts);
            } else if (type == CheckoutController.class) {
                return checkoutController = new CheckoutController(checkout, status, session, texts, locale, beep);
            } else if (type == PaymentController.class) {
                return paymentController = new PaymentController(payment);
            } else if (type == ReturnsController.class) {
                return returnsController = new ReturnsController(returns, texts);
            } else if (type == ApprovalController.class) {
                return approvalController = new ApprovalController(approval);
            }
            throw new IllegalStateException("no controller registered for " + type.getName());
        };
        signInView = FxmlView.SIGN_IN.load(locale, controllers);
        root.getChildren().add(signInView);
        var active = session.activeBinding();
        signInView.visibleProperty().bind(active.not());
        // the selling screen and the approval dialog are built once the sign-in screen is up
        // (decision 0021): when a PIN is submitted, so they are built while it is checked on the
        // store thread, or when the FX thread has had a moment after the first frame; in any case
        // before anything signed in or asking for approval shows
        active.addListener((o, a, b) -> {
            if (b) {
                buildSellingScreens();
            }
            Platform.runLater(this::focus);
        });
        approval.showingProperty().addListener((o, a, b) -> {
            if (b) {
                buildSellingScreens();
            }
            Platform.runLater(this::focus);
        });
        signIn.busyProperty().addListener((o, a, b) -> {
            if (b) {
                Platform.runLater(this::buildSellingScreens); // after the PIN went to the store thread
            }
        });
        screen.addListener((o, a, b) -> {
            built(b); // before the next pulse draws it, and before focus() reaches its controller
            Platform.runLater(this::focus);
        });

        Timeline idleCheck = new Timeline(new KeyFrame(javafx.util.Duration.seconds(5), e -> session.checkIdle()));
        idleCheck.setCycleCount(Timeline.INDEFINITE);
        idleCheck.play();
        // releases keys the wedge detector holds once they turn out to be typed by a person
        Timeline wedgePoll = new Timeline(new KeyFrame(javafx.util.Duration.millis(35),
                e -> wedgeOutputs(wedge.poll(clock.instant()))));
        wedgePoll.setCycleCount(Timeline.INDEFINITE);
        wedgePoll.play();
    }

    public Parent root() {
        return root;
    }

    /** Builds the selling screen and the approval dialog under the sign-in screen, once. */
    private void buildSellingScreens() {
        if (checkoutView != null) {
            return;
        }
        checkoutView = FxmlView.CHECKOUT.load(locale, controllers);
        approvalView = FxmlView.APPROVAL.load(locale, controllers);
        checkoutView.visibleProperty().bind(screen.isEqualTo(Screen.SELL));
        approvalView.visibleProperty().bind(approval.showingProperty());
        root.getChildren().addAll(0, List.of(checkoutView, approvalView));
        io.branchpos.store.StartupTimeline.mark("selling screen built");
    }

    /**
     * Builds the payment or returns screen the first time it is shown, unless it was built ahead
     * of use (decision 0023), under the approval dialog and the sign-in screen (their place in the
     * stack when all were built at start).
     */
    private void built(Screen shown) {
        if (build(shown)) {
            org.slf4j.LoggerFactory.getLogger(TerminalShell.class).info("first use: {} screen built in {} ms",
                    shown.name().toLowerCase(Locale.ROOT), (System.nanoTime() - lastBuildStarted) / 1_000_000);
        }
    }

    private long lastBuildStarted;

    /** Builds the payment or returns screen if it is not built yet; true if it built it now. */
    private boolean build(Screen which) {
        lastBuildStarted = System.nanoTime();
        if (which == Screen.PAYMENT && paymentView == null) {
            buildSellingScreens();
            paymentView = FxmlView.PAYMENT.load(locale, controllers);
            paymentView.visibleProperty().bind(screen.isEqualTo(Screen.PAYMENT));
            root.getChildren().add(root.getChildren().indexOf(approvalView), paymentView);
            return true;
        } else if (which == Screen.RETURNS && returnsView == null) {
            buildSellingScreens();
            returnsView = FxmlView.RETURNS.load(locale, controllers);
            returnsView.visibleProperty().bind(screen.isEqualTo(Screen.RETURNS));
            root.getChildren().add(root.getChildren().indexOf(approvalView), returnsView);
            return true;
        }
        return false;
    }

    /** How long nobody may have pressed a key or the mouse before a screen is built ahead of use. */
    static final javafx.util.Duration PREBUILD_QUIET = javafx.util.Duration.seconds(1);
    /** When the FX thread last handled a key or a mouse press (System.nanoTime). */
    private long lastInput = System.nanoTime();
    private Timeline prebuild;
    /** Runs once on the first quiet tick, before any screen is built ahead (see {@link #prebuildWhenIdle(Runnable)}). */
    private Runnable firstWhenQuiet;

    /**
     * Builds the payment and then the returns screen ahead of their first use (decision 0023), one
     * at a time, each once nobody has pressed a key or the mouse for {@link #PREBUILD_QUIET}: the FX
     * thread has nothing else to do then (a scan waits only if it comes during one of the two builds), and only
     * between sales (the selling screen with an empty ticket, nothing over it). Called
     * once the till is ready (after the first sign-in and the start's catalog loads); a screen
     * already built on first use is not built again.
     */
    public void prebuildWhenIdle() {
        prebuildWhenIdle(null);
    }

    /**
     * Like {@link #prebuildWhenIdle()}, but first runs {@code firstWhenQuiet} (once) on the first
     * tick after {@link #PREBUILD_QUIET} without a key or mouse press, whatever the screen shows:
     * the app starts Hibernate's bootstrap so (decision 0409), off the way from sign-in to the first
     * scan and search. The screens are built on later quiet ticks.
     */
    public void prebuildWhenIdle(Runnable firstWhenQuiet) {
        if (firstWhenQuiet != null) {
            this.firstWhenQuiet = firstWhenQuiet;
        }
        if (prebuild != null || (paymentView != null && returnsView != null && this.firstWhenQuiet == null)) {
            return;
        }
        // the quiet time counts from now too: input that reached the screens without key events (a
        // probe setting the fields) or a sign-in a moment ago is activity as well
        lastInput = System.nanoTime();
        prebuild = new Timeline(new KeyFrame(javafx.util.Duration.millis(250), e -> prebuildOneIfQuiet()));
        prebuild.setCycleCount(Timeline.INDEFINITE);
        prebuild.play();
    }

    private void prebuildOneIfQuiet() {
        long now = System.nanoTime();
        // a tick that runs late can fire twice in one pulse: one build per 250 ms at most
        if (now - lastInput < (long) (PREBUILD_QUIET.toMillis() * 1_000_000) || now - lastBuildStarted < 250_000_000L) {
            return;
        }
        if (firstWhenQuiet != null) {
            Runnable first = firstWhenQuiet;
            firstWhenQuiet = null;
            lastBuildStarted = now; // the next build a tick later at the earliest
            first.run();
            return;
        }
        // between sales only: signed in, the selling screen with an empty ticket, nothing over it
        if (!session.isActive() || screen.get() != Screen.SELL || !checkout.lines().isEmpty()
                || approval.showingProperty().get() || checkout.recallShowingProperty().get()) {
            return;
        }
        Screen next = paymentView == null ? Screen.PAYMENT : returnsView == null ? Screen.RETURNS : null;
        if (next == null) {
            prebuild.stop();
            return;
        }
        if (build(next)) {
            io.branchpos.store.StartupTimeline.mark(next.name().toLowerCase(Locale.ROOT) + " screen built ahead of use in "
                    + (System.nanoTime() - lastBuildStarted) / 1_000_000 + " ms");
        }
    }

    /** The payment or returns screen if built (on first use or ahead of it), else null. */
    Parent builtView(Screen which) {
        return switch (which) {
            case PAYMENT -> paymentView;
            case RETURNS -> returnsView;
            case SELL -> checkoutView;
        };
    }

    public Session session() {
        return session;
    }

    public CheckoutViewModel checkout() {
        return checkout;
    }

    public PaymentViewModel payment() {
        return payment;
    }

    public ReturnsViewModel returns() {
        return returns;
    }

    public SignInViewModel signIn() {
        return signIn;
    }

    public ApprovalViewModel approval() {
        return approval;
    }

    public ObjectProperty<Screen> screenProperty() {
        return screen;
    }

    /** Installs the keyboard map and activity tracking on {@code scene}. */
    public void install(Scene scene) {
        // a moment after the first frame (the sign-in screen) the selling screens are built, unless a
        // PIN submitted or a sign-in built them first (decision 0021)
        Runnable[] firstFrame = new Runnable[1];
        firstFrame[0] = () -> {
            scene.removePostLayoutPulseListener(firstFrame[0]);
            javafx.animation.PauseTransition soon = new javafx.animation.PauseTransition(javafx.util.Duration.millis(300));
            soon.setOnFinished(e -> buildSellingScreens());
            soon.play();
        };
        scene.addPostLayoutPulseListener(firstFrame[0]);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::keyPressed);
        scene.addEventFilter(KeyEvent.KEY_TYPED, this::keyTyped);
        scene.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            lastInput = System.nanoTime();
            session.touch();
        });
        focus();
    }

    /** Puts the keyboard focus where the visible screen expects input. */
    public void focus() {
        if (!session.isActive()) {
            signInController.focus();
            return;
        }
        buildSellingScreens();
        if (approval.showingProperty().get()) {
            approvalController.focus();
        } else {
            switch (screen.get()) {
                case SELL -> checkoutController.focusSearch();
                case PAYMENT -> paymentController.focus();
                case RETURNS -> returnsController.focus();
                default -> {
                }
            }
        }
    }

    private void keyPressed(KeyEvent e) {
        lastInput = System.nanoTime();
        session.touch();
        if (!session.isActive()) {
            return;
        }
        if (approval.showingProperty().get()) {
            if (e.getCode() == KeyCode.ESCAPE) {
                approval.cancel();
                e.consume();
            }
            return;
        }
        boolean handled = switch (screen.get()) {
            case SELL -> sellKey(e.getCode());
            case PAYMENT -> paymentKey(e.getCode());
            case RETURNS -> returnsKey(e.getCode());
        };
        if (handled) {
            e.consume();
        }
    }

    private boolean sellKey(KeyCode k) {
        switch (k) {
            case F2 -> checkout.changeQuantity();
            case F3 -> checkout.overridePrice();
            case F4 -> checkout.discountLine();
            case F5 -> checkout.discountReceipt();
            case F6 -> checkout.voidLine();
            case F7 -> checkout.park();
            case F8 -> checkout.showParked();
            case F9 -> checkout.returns();
            case F10 -> checkout.noSale();
            case F11 -> checkout.voidSale();
            case F12 -> checkout.pay();
            case ESCAPE -> checkout.cancel();
            default -> {
                return false;
            }
        }
        if (!checkout.recallShowingProperty().get() && !approval.showingProperty().get()) {
            checkoutController.focusSearch();
        }
        return true;
    }

    private boolean paymentKey(KeyCode k) {
        switch (k) {
            case F2 -> payment.payCard();
            case F3 -> payment.payVoucher();
            case F4 -> payment.payStoreCredit();
            case F5 -> paymentController.quick(0);
            case F6 -> paymentController.quick(1);
            case F7 -> paymentController.quick(2);
            case F8 -> paymentController.quick(3);
            case F9 -> payment.removeLast();
            case ESCAPE -> payment.back();
            case ENTER -> {
                if (payment.stateProperty().get() != PaymentViewModel.State.PAID) {
                    return false;
                }
                payment.finish();
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private boolean returnsKey(KeyCode k) {
        switch (k) {
            case F2 -> returns.returnEverything();
            case F4 -> returns.startWithoutReceipt();
            case F12 -> returns.confirm();
            case ESCAPE -> returns.back();
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * Keys typed while no text field has the focus (after a tap on the ticket, a button…) go
     * through the hardware module's wedge burst detector: a scanner burst ended by Enter is a
     * scan — sold on the selling screen, looked up on the returns screen — and anything slower is
     * typed into the main field. While a text field has the focus, keys go straight to it, so a
     * scan lands in the main field and Enter submits it (decision 0305).
     */
    private void keyTyped(KeyEvent e) {
        lastInput = System.nanoTime();
        if (!session.isActive() || approval.showingProperty().get()
                || checkout.recallShowingProperty().get() || screen.get() == Screen.PAYMENT) {
            return;
        }
        Node focus = root.getScene() == null ? null : root.getScene().getFocusOwner();
        if (focus instanceof TextInputControl || e.getCharacter().isEmpty()) {
            return;
        }
        e.consume();
        wedgeOutputs(wedge.onKey(e.getCharacter().charAt(0), clock.instant()));
    }

    private void wedgeOutputs(List<WedgeBurstDetector.Output> outputs) {
        for (WedgeBurstDetector.Output o : outputs) {
            if (o instanceof WedgeBurstDetector.Output.Scan s) {
                if (screen.get() == Screen.RETURNS) {
                    returns.receiptNumberProperty().set(s.code());
                    returns.find();
                } else {
                    checkout.scan(s.code());
                }
            } else if (o instanceof WedgeBurstDetector.Output.Typed t) {
                String text = t.text().replace("\r", "").replace("\n", "");
                if (screen.get() == Screen.SELL && !text.isEmpty() && text.charAt(0) >= ' ') {
                    checkout.queryProperty().set(checkout.queryProperty().get() + text);
                }
                focus();
            }
        }
    }

    /*
     * Note: the views are built while the store opens (decision 0012). Nothing here may reach the
     * store when the shell is built: every store access is inside a call made later, on the store
     * thread, where AppContext's accessors wait until the store is open.
     */

    /** HQ's prices and promotions, over the store once it is open. */
    private static io.branchpos.desktop.checkout.PricingSource pricing(AppContext ctx) {
        return new io.branchpos.desktop.checkout.PricingSource() {
            private volatile io.branchpos.desktop.feed.FeedPricing feed;

            private io.branchpos.desktop.feed.FeedPricing feed() {
                io.branchpos.desktop.feed.FeedPricing f = feed;
                if (f == null) {
                    f = new io.branchpos.desktop.feed.FeedPricing(ctx.store());
                    feed = f;
                }
                return f;
            }

            @Override
            public Optional<Long> priceVersion(String sku) {
                return feed().priceVersion(sku);
            }

            @Override
            public List<io.branchpos.domain.promo.Promotion> promotionsNotEndedAt(java.time.Instant at) {
                return feed().promotionsNotEndedAt(at);
            }
        };
    }

    private static ProductSearch catalog(AppContext ctx) {
        return new ProductSearch() {
            @Override
            public List<io.branchpos.domain.catalog.Product> search(String query, int limit) {
                return ctx.catalog().search(query, limit);
            }

            @Override
            public Optional<io.branchpos.domain.catalog.Product> byBarcode(String code) {
                return ctx.catalog().findByBarcode(code);
            }

            @Override
            public Optional<io.branchpos.domain.catalog.Product> byBarcodeInMemory(String code) {
                return ctx.catalog().findByBarcodeInMemory(code);
            }
        };
    }

    static CheckoutStore checkoutStore(AppContext ctx, ReceiptOutput receipts) {
        return new CheckoutStore() {
            private TillRepository tills; // on the store thread, once the store is open

            @Override
            public Optional<UUID> openTillSession() {
                if (tills == null) {
                    tills = new TillRepository(ctx.store());
                }
                return tills.current().filter(t -> t.isOpen()).map(t -> t.id());
            }

            @Override
            public boolean isSerialSold(String sku, String serial) {
                return ctx.sales().isSerialSold(sku, serial);
            }

            @Override
            public ParkedSales.Summary park(Ticket ticket, String cashierId) {
                return ctx.parkedSales().park(ticket, cashierId);
            }

            @Override
            public List<ParkedSales.Summary> parked() {
                return ctx.parkedSales().list();
            }

            @Override
            public Optional<Ticket> recall(UUID saleId, SaleCalculator calculator) {
                return ctx.parkedSales().recall(saleId, calculator);
            }

            @Override
            public void voidSale(UUID saleId, String reason, String userId, String approvedBy) {
                ctx.parkedSales().voidSale(saleId, reason, userId, approvedBy);
            }

            @Override
            public void noSale(UUID tillSessionId, String userId, String reason, String approvedBy) {
                // journaled first: a drawer that opened is always explained in the journal
                ctx.tillEvents().noSale(tillSessionId.toString(), userId, reason, approvedBy);
                if (receipts instanceof io.branchpos.desktop.receipt.EscPosReceiptOutput printer) {
                    var outcome = printer.openDrawer();
                    if (!outcome.ok()) {
                        log.warn("No-sale: drawer did not open: {}", outcome.message());
                    }
                }
                log.info("No-sale drawer open by {} ({})", userId, reason);
            }
        };
    }

    static ReturnsViewModel.ReturnsStore returnsStore(AppContext ctx) {
        return new ReturnsViewModel.ReturnsStore() {
            @Override
            public Optional<SaleView> findByReceipt(String receiptNumber) {
                return ctx.sales().findByReceipt(receiptNumber);
            }

            @Override
            public RefundReceipt refund(RefundRequest request) throws RefundRejectedException {
                return ctx.sales().refund(request);
            }

            @Override
            public Optional<io.branchpos.domain.catalog.Product> productByBarcode(String code) {
                return ctx.catalog().findByBarcode(code);
            }

            @Override
            public RefundReceipt refundWithoutReceipt(io.branchpos.store.sale.NoReceiptRefund request) {
                return new io.branchpos.store.sale.NoReceiptRefunds(ctx.store()).refund(request);
            }
        };
    }
}
