package io.branchpos.hardware.escpos;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Turns any image into the 1-bit dots a thermal printer prints: scale to fit, flatten on white, Floyd–Steinberg. */
public final class Dithering {

    private Dithering() {
    }

    /** Scales {@code source} down (never up) to at most {@code maxWidth} dots and dithers it; true = black dot. */
    public static boolean[][] toDots(BufferedImage source, int maxWidth) {
        int w = source.getWidth();
        int h = source.getHeight();
        if (w > maxWidth) {
            h = Math.max(1, h * maxWidth / w);
            w = maxWidth;
        }
        BufferedImage flat = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = flat.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, 0, 0, w, h, null);
        g.dispose();
        int[][] lum = new int[h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = flat.getRGB(x, y);
                lum[y][x] = (299 * ((rgb >> 16) & 0xff) + 587 * ((rgb >> 8) & 0xff) + 114 * (rgb & 0xff)) / 1000;
            }
        }
        boolean[][] dots = new boolean[h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int old = lum[y][x];
                int neu = old < 128 ? 0 : 255;
                dots[y][x] = neu == 0;
                int err = old - neu;
                spread(lum, x + 1, y, err * 7 / 16);
                spread(lum, x - 1, y + 1, err * 3 / 16);
                spread(lum, x, y + 1, err * 5 / 16);
                spread(lum, x + 1, y + 1, err / 16);
            }
        }
        return dots;
    }

    /** Black where the pixel is darker than mid-grey; for images that are already black and white (text, codes). */
    public static boolean[][] threshold(BufferedImage image) {
        boolean[][] dots = new boolean[image.getHeight()][image.getWidth()];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int lum = (299 * ((rgb >> 16) & 0xff) + 587 * ((rgb >> 8) & 0xff) + 114 * (rgb & 0xff)) / 1000;
                dots[y][x] = lum < 128 && ((rgb >>> 24) > 127 || image.getColorModel().getTransparency() == 1);
            }
        }
        return dots;
    }

    private static void spread(int[][] lum, int x, int y, int err) {
        if (y < lum.length && x >= 0 && x < lum[0].length) {
            lum[y][x] += err;
        }
    }
}
